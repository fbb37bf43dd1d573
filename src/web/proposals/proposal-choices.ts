import { Inject, Injectable } from '@nestjs/common';
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
import { options } from '../kit/directory-choices';
import type { Option } from '../kit/layout';

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

/** The choices the proposal forms offer from `config/proposals.json` (the directory's: DirectoryChoices). */
@Injectable()
export class ProposalChoices {
  constructor(@Inject(PROPOSAL_CONFIG) readonly config: ProposalConfig) {}

  categories = (): Option[] => coded(this.config.categories);
  grounds = (): Option[] => coded(this.config.refusalGrounds);
  classifications = (): Option[] => withCode(this.config.classifications);
}
