import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { Page } from '../../common/pagination';
import { DirectoryQuery } from '../../directory/directory.dto';
import { MemberQuery } from '../../directory/members.dto';
import { MembersService } from '../../directory/members.service';
import { NamedListService } from '../../directory/named-list.service';
import { SessionQuery } from '../../directory/sessions.dto';
import { SessionsService } from '../../directory/sessions.service';
import { UnitQuery } from '../../directory/units.dto';
import { UnitsService } from '../../directory/units.service';
import {
  CONTACT_LABELS,
  MODE_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
} from '../../proposals/proposal-labels';
import { PROPOSAL_STATUSES, RATINGS } from '../../proposals/proposal-workflow';
import { COMMUNICATION_MODES, COMMUNICATION_STEPS, CONTACT_KINDS } from '../../proposals/proposal.entities';
import { Coded, PROPOSAL_CONFIG, ProposalConfig } from '../../proposals/proposals.config';
import { Option } from './layout';

export const options = <K extends string>(codes: readonly K[], labels: Record<K, string>): Option[] =>
  codes.map((c) => ({ value: c, label: labels[c] }));
const coded = (list: Coded[]): Option[] => list.map((c) => ({ value: c.code, label: c.label }));
const withCode = (list: Coded[]): Option[] => list.map((c) => ({ value: c.code, label: `${c.code}：${c.label}` }));

/** The fixed choices of the proposal forms, labelled as everywhere else. */
export const PROPOSAL_OPTIONS = {
  kinds: [
    { value: 'individual', label: '个人提案' },
    { value: 'joint', label: '联名提案（须邀请附议人）' },
  ],
  statuses: options(PROPOSAL_STATUSES, STATUS_LABELS),
  steps: options(COMMUNICATION_STEPS, STEP_LABELS),
  modes: options(COMMUNICATION_MODES, MODE_LABELS),
  ratings: options(RATINGS, RATING_LABELS),
  contacts: options(CONTACT_KINDS, CONTACT_LABELS),
  yesNo: [
    { value: 'yes', label: '是' },
    { value: 'no', label: '否' },
  ],
  approve: [
    { value: 'yes', label: '同意延期' },
    { value: 'no', label: '不同意' },
  ],
  handling: [
    { value: 'lead', label: '主办会办：一个主办单位答复，会办单位提出会办意见' },
    { value: 'split', label: '分办：几个单位各自答复' },
  ],
  decisions: [
    { value: 'accept', label: '立案' },
    { value: 'reject', label: '不予立案' },
    { value: 'convert', label: '转为意见建议' },
    { value: 'merge', label: '并案' },
  ],
} satisfies Record<string, Option[]>;

/** Every page of a directory list, for a form's select (the lists are short: sessions, units, sectors). */
export async function everything<V>(fetch: (page: number) => Promise<Page<V>>): Promise<V[]> {
  const all: V[] = [];
  for (let page = 1; ; page++) {
    const got = await fetch(page);
    all.push(...got.items);
    if (got.items.length === 0 || all.length >= got.total) return all;
  }
}

export const query = <Q extends DirectoryQuery>(make: new () => Q, page: number, extra: Partial<Q> = {}): Q =>
  Object.assign(new make(), { page, pageSize: 100, includeDisabled: false }, extra);

/** The choices the proposal forms offer, from the directory (through its services) and from `config/proposals.json`. */
@Injectable()
export class ProposalChoices {
  constructor(
    private readonly sessionsService: SessionsService,
    private readonly unitsService: UnitsService,
    private readonly lists: NamedListService,
    private readonly members: MembersService,
    @Inject(PROPOSAL_CONFIG) readonly config: ProposalConfig,
  ) {}

  categories = (): Option[] => coded(this.config.categories);
  grounds = (): Option[] => coded(this.config.refusalGrounds);
  classifications = (): Option[] => withCode(this.config.classifications);

  async sessions(): Promise<Option[]> {
    const rows = await everything((page) => this.sessionsService.list(query(SessionQuery, page)));
    return rows.map((s) => ({ value: String(s.id), label: s.name }));
  }

  async units(): Promise<Option[]> {
    const rows = await everything((page) => this.unitsService.list(query(UnitQuery, page)));
    return rows.map((u) => ({ value: String(u.id), label: u.name }));
  }

  async sectors(): Promise<Option[]> {
    const rows = await everything((page) => this.lists.list('sector', query(DirectoryQuery, page)));
    return rows.map((s) => ({ value: String(s.id), label: s.name }));
  }

  async committees(): Promise<Option[]> {
    const rows = await everything((page) => this.lists.list('committee', query(DirectoryQuery, page)));
    return rows.map((c) => ({ value: String(c.id), label: c.name }));
  }

  /** 附议人 picker: serving members whose name contains `q`, leaving out the one searching. */
  async searchMembers(
    q: string,
    exceptMemberId: number | null,
  ): Promise<{ id: number; name: string; sector: string }[]> {
    const text = q.trim();
    if (!text) return [];
    const page = await this.members.list(
      query(MemberQuery, 1, { q: text.slice(0, 100), status: 'active', pageSize: 11 }),
    );
    return page.items
      .filter((m) => m.id !== exceptMemberId)
      .slice(0, 10)
      .map((m) => ({ id: m.id, name: m.name, sector: m.sectorName }));
  }

  /** 附议人 (or meeting participants) typed by name (member names are unique): their ids, or an error on `field` naming those not found. */
  async memberIdsNamed(names: string[], field = 'coSignerNames'): Promise<number[]> {
    const ids: number[] = [];
    const missing: string[] = [];
    for (const name of [...new Set(names)]) {
      const found = await this.memberNamed(name);
      if (found !== null) ids.push(found);
      else missing.push(name);
    }
    if (missing.length) throw AppError.invalidField(field, `找不到在任委员：${missing.join('、')}，请核对姓名`);
    return ids;
  }

  private async memberNamed(name: string): Promise<number | null> {
    if (name.length > 100) return null;
    for (let page = 1; ; page++) {
      const got = await this.members.list(query(MemberQuery, page, { q: name, status: 'active' }));
      const found = got.items.find((m) => m.name === name);
      if (found) return found.id;
      if (got.items.length === 0 || page * got.pageSize >= got.total) return null;
    }
  }
}
