import { Actor, hasRole } from '../../common/actor';
import type { OpinionView } from '../../opinions/dto/opinion.dto';
import type { FormSpec } from '../kit/forms';
import type { Option } from '../kit/layout';

/** The forms of the 社情民意 pages and their choices: a member's own item, a staff account's for a group, edits, review. */
export const MEMBER_FILING: FormSpec = {
  title: 'text',
  category: 'text',
  content: 'text',
  submitterKind: 'text?',
  coContributorNames: 'text?',
};
export const STAFF_FILING: FormSpec = {
  title: 'text',
  category: 'text',
  content: 'text',
  submitterKind: 'text?',
  groupName: 'text|null',
  sectorId: 'int|null',
  committeeId: 'int|null',
};
export const EDITING: FormSpec = { title: 'text', category: 'text', content: 'text', version: 'int' };
export const MEMBER_EDITING: FormSpec = { ...EDITING, coContributorNames: 'text?' };
export const REVIEW: FormSpec = { decision: 'text', reason: 'text|null', version: 'int' };
export const ALIASES = { aliases: { coContributorMemberIds: 'coContributorNames' } };

export const MEMBER_KINDS: Option[] = [
  { value: 'member', label: '委员本人（可联名）' },
  { value: 'informant', label: '以信息员身份报送' },
];
export const STAFF_KINDS: Option[] = [
  { value: 'organisation', label: '民主党派、工商联等组织' },
  { value: 'group', label: '界别或专委会' },
];
export const DECISIONS: Option[] = [
  { value: 'accept', label: '采用编报' },
  { value: 'return', label: '退回修改（须写修改意见）' },
  { value: 'archive', label: '存档（须说明理由，报送人可见）' },
];

export const text = (raw: unknown): string => (typeof raw === 'string' ? raw : '');
export const namesOf = (raw: unknown): string[] =>
  text(raw)
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A staff account without a member of its own files for groups and organisations; a member files their own. */
export function filesForGroups(actor: Actor): boolean {
  return hasRole(actor, 'staff') && !(hasRole(actor, 'member') && actor.memberId !== null);
}

/** Staff edit a submitted item (the original kept); otherwise it is the submitter's own edit. */
export function editsAsStaff(actor: Actor, o: OpinionView): boolean {
  return (
    hasRole(actor, 'staff') &&
    (o.status === 'submitted' || o.submitterKind === 'group' || o.submitterKind === 'organisation')
  );
}
