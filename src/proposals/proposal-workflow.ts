/*
 * The proposal workflow of DOMAIN.md ("Proposals 提案") as plain functions: no Nest, no TypeORM.
 * The service gathers the facts, asks `decide`, then saves and audits in one transaction.
 * Checks run in one order everywhere: the state (409), then the person (403), then the
 * input (400), then the other facts (409).
 */

import { Arrow, blank, DAY_MS, Refusal, refuse, transitions } from '../common/workflow';

export type { Refusal };

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'accepted',
  'rejected',
  'converted',
  'merged',
  'assigned',
  'replied',
  'completed',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
  accepted: '已立案',
  rejected: '不予立案',
  converted: '已转为意见建议',
  merged: '已并案',
  assigned: '已交办',
  replied: '已答复',
  completed: '已办结',
};

export const PROPOSAL_ACTIONS = [
  'submit',
  'withdraw',
  'accept',
  'reject',
  'convert',
  'merge',
  'assign',
  'return',
  'reply',
  'evaluate',
  'expireEvaluation',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** Steps that change no state but are allowed only in some states. */
export const SIDE_ACTIONS = [
  'edit',
  'cosign',
  'attach',
  'detach',
  'communicate',
  'coOpinion',
  'requestExtension',
  'decideExtension',
  'markKey',
  'markExcellent',
  'chase',
] as const;
export type SideAction = (typeof SIDE_ACTIONS)[number];

/** What each step is called in a sentence: “提案当前为“已立案”，不能撤回”. */
export const ACTION_VERBS: Record<ProposalAction | SideAction, string> = {
  submit: '提交',
  withdraw: '撤回',
  accept: '立案',
  reject: '作不予立案处理',
  convert: '转为意见建议',
  merge: '并案',
  assign: '交办',
  return: '退回',
  reply: '答复',
  evaluate: '评价',
  expireEvaluation: '按未评价办结',
  edit: '修改',
  cosign: '附议',
  attach: '上传附件',
  detach: '删除附件',
  communicate: '记录沟通',
  coOpinion: '提交会办意见',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  markKey: '确定为重点提案',
  markExcellent: '评为优秀提案',
  chase: '催办',
};

export const UNIT_ROLES = ['lead', 'co', 'split'] as const;
/** 主办, 会办, 分办 */
export type UnitRole = (typeof UNIT_ROLES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Where a proposal may be merged into: one still open for handling. */
export const MERGE_TARGET_STATUSES: readonly ProposalStatus[] = ['submitted', 'accepted', 'assigned'];

/**
 * Everything a decision may depend on. A fact left out counts against the action
 * (no role, no reason, no communication), so forgetting one refuses rather than allows.
 */
export interface WorkflowFacts {
  /** The caller is the lead proposer: 领衔人, or the office that filed a group proposal. */
  isLeadProposer?: boolean;
  /** The caller reviews and assigns proposals (提案委员会办公室). */
  isStaff?: boolean;
  /** The deadline jobs act, not a person. */
  isSystem?: boolean;
  /** The part the caller's unit has in the current assignment; null when it has none. */
  unitRole?: UnitRole | null;
  now?: Date;
  /** submit: co-signers invited but not confirmed. */
  unconfirmedCoSigners?: number;
  /** reject, return: the reason given. */
  reason?: string | null;
  /** reject: the ground chosen, and the configured ground codes (none configured: no ground needed). */
  ground?: string | null;
  grounds?: readonly string[];
  /** merge */
  proposalId?: number;
  mergeIntoId?: number | null;
  mergeTargetStatus?: ProposalStatus;
  /** return: when the caller's unit was assigned, and the configured window. */
  assignedAt?: Date | null;
  returnWindowDays?: number;
  /** return: some unit has replied in this round. */
  anyReplied?: boolean;
  /** reply: the caller's unit has replied in this round already. */
  alreadyReplied?: boolean;
  /** reply: the caller's unit recorded a communication with the proposer in this round (先沟通后答复). */
  hasCommunication?: boolean;
  /** reply under 主办/会办: co-units whose opinion 会办意见 is not in yet. */
  coUnitsWithoutOpinion?: number;
  /** reply under 分办: other units that have not replied yet. */
  otherUnitsPending?: number;
  /** evaluate: the result rating 办理结果. */
  rating?: Rating | null;
}

export interface Allowed {
  ok: true;
  to: ProposalStatus;
  /** evaluate 不满意: back to the units for re-handling 重新办理. */
  rehandle?: true;
}

export type Decision = Allowed | Refusal;

/** The 409 for a step the current state does not allow. */
export function wrongState(status: ProposalStatus, action: ProposalAction | SideAction): Refusal {
  return refuse(409, 'PROPOSAL_WRONG_STATE', `提案当前为“${STATUS_LABELS[status]}”，不能${ACTION_VERBS[action]}`);
}

const notStaff = () => refuse(403, 'NOT_STAFF', '只有提案工作人员可以审查和交办提案');

const to = (status: ProposalStatus, rehandle?: true): Allowed =>
  rehandle ? { ok: true, to: status, rehandle } : { ok: true, to: status };

const ARROWS: Record<ProposalAction, Arrow<ProposalStatus, WorkflowFacts, Allowed>> = {
  submit: {
    from: ['draft'],
    decide: (f) => {
      if (!f.isLeadProposer) return refuse(403, 'NOT_LEAD_PROPOSER', '只有领衔人可以提交提案');
      const pending = f.unconfirmedCoSigners ?? 0;
      if (pending > 0) return refuse(409, 'COSIGNERS_PENDING', `还有 ${pending} 位附议人未确认，不能提交`);
      return to('submitted');
    },
  },
  withdraw: {
    // 撤回 only before review: a reviewed proposal belongs to the record.
    from: ['draft', 'submitted'],
    decide: (f) => (f.isLeadProposer ? to('withdrawn') : refuse(403, 'NOT_LEAD_PROPOSER', '只有领衔人可以撤回提案')),
  },
  accept: { from: ['submitted'], decide: (f) => (f.isStaff ? to('accepted') : notStaff()) },
  reject: {
    from: ['submitted'],
    decide: (f) => {
      if (!f.isStaff) return notStaff();
      if (blank(f.reason)) return refuse(400, 'REASON_REQUIRED', '不予立案须说明理由');
      const grounds = f.grounds ?? [];
      if (grounds.length > 0 && (!f.ground || !grounds.includes(f.ground)))
        return refuse(400, 'GROUND_REQUIRED', '请选择不予立案的理由类别');
      return to('rejected');
    },
  },
  convert: { from: ['submitted'], decide: (f) => (f.isStaff ? to('converted') : notStaff()) },
  merge: {
    from: ['submitted'],
    decide: (f) => {
      if (!f.isStaff) return notStaff();
      if (!f.mergeIntoId) return refuse(400, 'MERGE_TARGET_REQUIRED', '并案须指定并入的提案');
      if (f.mergeIntoId === f.proposalId) return refuse(400, 'MERGE_INTO_SELF', '提案不能并入自身');
      if (!f.mergeTargetStatus || !MERGE_TARGET_STATUSES.includes(f.mergeTargetStatus)) {
        const label = f.mergeTargetStatus ? STATUS_LABELS[f.mergeTargetStatus] : '未知';
        return refuse(409, 'MERGE_TARGET_STATE', `目标提案当前为“${label}”，不能并入`);
      }
      return to('merged');
    },
  },
  assign: { from: ['accepted'], decide: (f) => (f.isStaff ? to('assigned') : notStaff()) },
  return: {
    from: ['assigned'],
    decide: (f) => {
      // Under 分办 each unit leads its own share, so each may return it.
      if (f.unitRole !== 'lead' && f.unitRole !== 'split')
        return refuse(403, 'NOT_LEAD_UNIT', '只有主办单位可以退回提案');
      if (blank(f.reason)) return refuse(400, 'REASON_REQUIRED', '退回须说明理由');
      if (f.anyReplied) return refuse(409, 'ALREADY_REPLIED', '已有承办单位答复，不能退回');
      const days = f.returnWindowDays ?? 0;
      if (!f.assignedAt || !f.now || f.now.getTime() > f.assignedAt.getTime() + days * DAY_MS) {
        return refuse(409, 'RETURN_WINDOW_PASSED', `交办已超过 ${days} 天，不能退回，请与提案委员会联系`);
      }
      return to('accepted');
    },
  },
  reply: {
    from: ['assigned'],
    decide: (f) => {
      if (f.unitRole === 'co') return refuse(403, 'NOT_LEAD_UNIT', '会办单位不能答复，请提交会办意见');
      if (f.unitRole !== 'lead' && f.unitRole !== 'split')
        return refuse(403, 'NOT_ASSIGNED_UNIT', '只有承办该提案的单位可以答复');
      if (f.alreadyReplied) return refuse(409, 'ALREADY_REPLIED', '本单位已经答复，不能重复答复');
      // 先沟通后答复: a reply needs a recorded contact with the proposer.
      if (!f.hasCommunication) return refuse(409, 'COMMUNICATION_REQUIRED', '答复前须至少记录一次与提案人的沟通');
      const missing = f.unitRole === 'lead' ? (f.coUnitsWithoutOpinion ?? 0) : 0;
      if (missing > 0) return refuse(409, 'CO_OPINIONS_MISSING', `还有 ${missing} 个会办单位未提交会办意见，不能答复`);
      return to((f.otherUnitsPending ?? 0) > 0 ? 'assigned' : 'replied');
    },
  },
  evaluate: {
    from: ['replied'],
    decide: (f) => {
      if (!f.isLeadProposer) return refuse(403, 'NOT_LEAD_PROPOSER', '只有领衔人可以评价办理结果');
      if (!f.rating || !RATINGS.includes(f.rating)) return refuse(400, 'RATING_REQUIRED', '请选择对办理结果的评价');
      return f.rating === 'unsatisfied' ? to('assigned', true) : to('completed');
    },
  },
  // No evaluation within the configured working days of the reply: the deadline jobs complete it as not evaluated (未评价).
  expireEvaluation: {
    from: ['replied'],
    decide: (f) => (f.isSystem ? to('completed') : refuse(403, 'SYSTEM_ONLY', '评价期满未评价的提案由系统自动办结')),
  },
};

/**
 * `decide`: may `action` be taken in `status` with these facts? The new state, or why not.
 * `actionsFrom`: the actions a state allows, for pages that show only the buttons that can work.
 */
export const { decide, actionsFrom } = transitions(PROPOSAL_ACTIONS, ARROWS, wrongState);

const HANDLED: ProposalStatus[] = ['accepted', 'assigned', 'replied', 'completed'];
const SIDE_STATES: Record<SideAction, readonly ProposalStatus[]> = {
  edit: ['draft'],
  cosign: ['draft'],
  // Attachments are part of what the proposer files: fixed once it is submitted.
  attach: ['draft'],
  detach: ['draft'],
  // 办前、办中 while assigned; 办后 after the reply.
  communicate: ['assigned', 'replied'],
  coOpinion: ['assigned'],
  requestExtension: ['assigned'],
  decideExtension: ['assigned'],
  markKey: HANDLED,
  markExcellent: HANDLED,
  // 催办 while the units are handling it.
  chase: ['assigned'],
};

/** The 409 when `step` is not allowed in `status`, else null. */
export function check(status: ProposalStatus, step: SideAction): Refusal | null {
  return SIDE_STATES[step].includes(status) ? null : wrongState(status, step);
}
