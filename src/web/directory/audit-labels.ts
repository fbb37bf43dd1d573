/**
 * The words of the 审计日志 page: what each audited entity, action and field is called in Chinese, and how a
 * recorded value reads. The trail holds whatever each journey recorded (a field-by-field change, a state
 * name, a summary object), so every shape of value has a reading here; an unknown name is shown as recorded.
 */
import { ROLE_LABELS, Role } from '../../common/roles';
import { MEMBER_STATUS_LABELS } from '../../directory/directory-labels';
import { DRAFT_STATUS_LABELS } from '../../drafts/draft-workflow';
import { ITEM_STATUS_LABELS } from '../../instructions/instruction-workflow';
import { PLAN_STATUS_LABELS } from '../../plans/plan-rules';
import { COMMITMENT_STATUS_LABELS } from '../../proposals/commitment-rules';
import { STATUS_LABELS as PROPOSAL_STATUS_LABELS } from '../../proposals/proposal-workflow';
import { REPORT_STATUS_LABELS } from '../../reports/report.entities';
import { REPORT_STAGE_LABELS } from '../../reports/signoff/report-stages';
import { STATUS_LABELS as TOPIC_STATUS_LABELS } from '../../topics/topic-workflow';
import { STATUS_LABELS as VISIT_STATUS_LABELS } from '../../visits/visit-workflow';

/** Entity types, in the order the page's filter lists them. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  proposal: '提案',
  commitment: '承诺事项',
  topic: '协商议题',
  visit: '视察调研',
  draft: '征求意见稿',
  plan: '协商计划',
  report: '报告',
  instruction: '领导批示',
  instruction_item: '批示交办事项',
  member: '委员',
  unit: '承办单位',
  consultation_point: '协商议事点',
  sector: '界别',
  committee: '专委会',
  session: '会次',
  user: '账号',
  attachment: '附件',
  opinion_informant: '信息员',
};

const VERB_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  change_password: '修改密码',
  update_and_reset_password: '修改并重置密码',
  submit: '提交',
  withdraw: '撤回',
  cosign: '附议',
  decline: '谢绝',
  accept: '立案',
  reject: '不予立案',
  merge: '并案',
  merge_in: '并入',
  convert: '转意见建议',
  return: '退回',
  assign: '交办',
  communicate: '沟通',
  co_opinion: '会办意见',
  reply: '答复',
  evaluate: '评价',
  key: '重点提案',
  excellent: '优秀提案',
  extension_request: '申请延期',
  extension_decision: '延期审批',
  expire_evaluation: '评价逾期',
  overdue: '逾期',
  record: '记录批示',
  mark_done: '确认办结',
  chase: '催办',
  attach: '添加附件',
  detach: '删除附件',
  acknowledge: '确认收到',
  answer: '答复',
  attendance: '出席',
  breach: '超时',
  close: '结束',
  hold: '召开',
  meeting: '会议',
  outcome: '协商成果',
  outcome_update: '成果进展',
  outcome_overdue: '成果逾期',
  participants: '参加人员',
  publish: '公布',
  resolve: '解题',
  settle: '定题',
  speech: '发言',
  open: '开始',
  comment: '意见',
  revise: '修订',
  invite: '邀请',
  uninvite: '取消邀请',
  rsvp: '回复邀请',
  finding: '问题和建议',
  complete: '完成',
  cancel: '取消',
  request: '申请生成',
  render: '生成',
  fail: '生成失败',
  deliver: '送达',
  edit: '修改文稿',
  sign: '签发',
  compile: '编入刊物',
  adopt: '登记上级采用',
  unadopt: '删除上级采用记录',
  calendar_feed: '开通日历订阅',
  calendar_feed_revoke: '停用日历订阅',
  report: '报告落实情况',
  verdict: '评判是否兑现',
  appoint: '聘任',
  end: '解聘',
};

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  sortOrder: '排序',
  disabled: '停用',
  username: '用户名',
  displayName: '姓名',
  roles: '角色',
  memberId: '委员编号',
  unitId: '单位编号',
  pointId: '议事点编号',
  sectorId: '界别',
  committeeIds: '专委会',
  gender: '性别',
  term: '届别',
  phone: '电话',
  employer: '工作单位及职务',
  status: '状态',
  kind: '类别',
  contactName: '联系人',
  contactPhone: '联系电话',
  district: '所属区县街道',
  grid: '所辖网格',
  address: '地址',
  code: '代码',
  opensAt: '征集开始',
  closesAt: '截止时间',
  title: '标题',
  subject: '对象',
  issueNo: '期号',
  pages: '页数',
  bytes: '字节数',
  sha256: '校验值',
  recipients: '送达对象',
  number: '编号',
  deadline: '期限',
  classification: '答复类别',
  reason: '理由',
  comment: '说明',
  stage: '文稿阶段',
  revision: '稿次',
  signer: '签发人',
  previewSha256: '送审稿校验值',
  year: '年度',
  monthlyQuota: '每月定额（条）',
  note: '备注',
};

/** Each entity's states by name (a 状态 change, or a state recorded as the whole value). */
const STATE_LABELS: Record<string, Record<string, string>> = {
  proposal: PROPOSAL_STATUS_LABELS,
  topic: TOPIC_STATUS_LABELS,
  visit: VISIT_STATUS_LABELS,
  draft: DRAFT_STATUS_LABELS,
  plan: PLAN_STATUS_LABELS,
  report: { ...REPORT_STATUS_LABELS, ...REPORT_STAGE_LABELS },
  member: MEMBER_STATUS_LABELS,
  instruction_item: ITEM_STATUS_LABELS,
  commitment: COMMITMENT_STATUS_LABELS,
  opinion_informant: { active: '在聘', ended: '已解聘' },
};

/** The report kinds as a request records them. */
const REPORT_KIND_LABELS: Record<string, string> = {
  'proposal-sheet': '提案单',
  'reply-letter': '答复函',
  'proposal-annual': '提案办理情况报告',
  briefing: '协商要报',
  'visit-report': '视察调研报告',
  'member-record': '委员履职档案',
  'notice-sheet': '公示单',
  'opinion-issue': '社情民意',
  'opinion-annual': '社情民意信息工作通报',
  'commitment-review': '提案办理回头看情况报告',
};

/** The label under which a change that is not field by field (a state, a summary) is shown. */
export const WHOLE_VALUE = '';

export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;
export const auditVerbLabel = (verb: string): string => VERB_LABELS[verb] ?? verb;
export const auditFieldLabel = (field: string): string =>
  field === WHOLE_VALUE ? '状态' : (FIELD_LABELS[field] ?? field);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One recorded value of an `entity` as text: 是/否, （空）, a list joined with 、, an object as 「名称：值」 pairs;
 * roles, states and report kinds by name.
 */
export function auditValueText(value: unknown, field = WHOLE_VALUE, entity = ''): string {
  if (field === 'roles' && Array.isArray(value))
    return value.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join('、') || '（空）';
  if (typeof value === 'string') {
    const named =
      field === 'status' || field === 'stage' || field === WHOLE_VALUE
        ? STATE_LABELS[entity]?.[value]
        : field === 'kind' && entity === 'report'
          ? REPORT_KIND_LABELS[value]
          : undefined;
    if (named) return named;
  }
  if (value === true) return '是';
  if (value === false) return '否';
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value))
    return value.length ? value.map((v) => auditValueText(v, field, entity)).join('、') : '（空）';
  if (isRecord(value) && Object.keys(value).length === 2 && 'type' in value && 'id' in value)
    return `${auditEntityLabel(String(value.type))} ${String(value.id)}`;
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${auditFieldLabel(k)}：${auditValueText(v, k, entity)}`)
      .join('；');
  return String(value);
}

export interface AuditChange {
  field: string;
  from: string | null;
  to: string;
}

/**
 * What changed: field by field when both sides are objects (or absent); otherwise the whole value (a state such
 * as `queued`, a list) as one change.
 */
export function auditChanges(entity: string, from: unknown, to: unknown): AuditChange[] {
  const absent = (v: unknown) => v === null || v === undefined;
  if ((absent(from) || isRecord(from)) && (absent(to) || isRecord(to))) {
    const before = (from ?? {}) as Record<string, unknown>;
    const after = (to ?? {}) as Record<string, unknown>;
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
      field: auditFieldLabel(field),
      from: field in before ? auditValueText(before[field], field, entity) : null,
      to: auditValueText(after[field], field, entity),
    }));
  }
  return [
    {
      field: auditFieldLabel(WHOLE_VALUE),
      from: absent(from) ? null : auditValueText(from, WHOLE_VALUE, entity),
      to: auditValueText(to, WHOLE_VALUE, entity),
    },
  ];
}
