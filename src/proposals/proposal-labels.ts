import { Rating, UnitRole } from './proposal-workflow';
import {
  CommunicationMode,
  CommunicationStep,
  ContactKind,
  ExtensionStatus,
  HandlingMode,
  ProposalKind,
  SignerRole,
} from './proposal.entities';

export { STATUS_LABELS } from './proposal-workflow';

export const KIND_LABELS: Record<ProposalKind, string> = {
  individual: '个人提案',
  joint: '联名提案',
  sector: '界别提案',
  committee: '专委会提案',
  party: '党派团体提案',
};

export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  lead: '领衔人',
  cosigner: '附议人',
  merged: '并案提案人',
};
export const SIGNER_STATUS_LABELS: Record<'invited' | 'confirmed', string> = { invited: '待确认', confirmed: '已确认' };
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = { lead: '主办', co: '会办', split: '分办' };
export const HANDLING_MODE_LABELS: Record<HandlingMode, string> = { lead: '主办会办', split: '分办' };
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
export const CONTACT_LABELS: Record<ContactKind, string> = {
  visit: '面商',
  phone: '电话',
  letter: '书面',
  none: '未联系',
};
export const STEP_LABELS: Record<CommunicationStep, string> = {
  before: '办前面商',
  during: '办中沟通',
  after: '办后沟通',
};
export const MODE_LABELS: Record<CommunicationMode, string> = {
  visit: '走访面商',
  phone: '电话',
  meeting: '座谈会',
  letter: '书面',
};
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '已同意',
  refused: '未同意',
};

/** What each audited step is called in a proposal's history. */
export const HISTORY_LABELS: Record<string, string> = {
  create: '起草',
  update: '修改',
  cosign: '确认附议',
  attach: '上传附件',
  detach: '删除附件',
  submit: '提交',
  withdraw: '撤回',
  accept: '立案',
  reject: '不予立案',
  convert: '转为意见建议',
  merge: '并案',
  merge_in: '并入其他提案',
  assign: '交办',
  return: '退回',
  communicate: '沟通协商',
  co_opinion: '会办意见',
  reply: '答复',
  evaluate: '评价',
  key: '确定为重点提案',
  excellent: '优秀提案',
  extension_request: '申请延期',
  extension_decision: '审批延期',
  chase: '催办',
  overdue: '逾期未答复',
  expire_evaluation: '逾期未评价，按未评价办结',
};

/** 第0045号 */
export const formatNumber = (n: number): string => `第${String(n).padStart(4, '0')}号`;

/** 十二届二次会议 第0045号, or null before 立案. */
export const numberLabel = (sessionName: string, n: number | null): string | null =>
  n === null ? null : `${sessionName} ${formatNumber(n)}`;
