import { Attendance, MeetingKind, ParticipantSide } from './meeting.entities';
import { OutcomeKind } from './outcome.entities';
import { OrganizerType, TopicLevel, TopicSource } from './topic.entities';

export { BREACH_LABELS, CLOCK_LABELS, OUTCOME_STATUS_LABELS, STATUS_LABELS } from './topic-workflow';

export const LEVEL_LABELS: Record<TopicLevel, string> = {
  city: '市',
  district: '区县',
  street: '街道',
  community: '社区',
  grid: '网格',
};

export const SOURCE_LABELS: Record<TopicSource, string> = {
  member: '委员',
  public: '群众',
  department: '部门',
  plan: '年度协商计划',
  proposal: '提案',
  visit: '视察调研',
};

export const ORGANIZER_TYPE_LABELS: Record<OrganizerType, string> = {
  committee: '专委会',
  sector: '界别',
  point: '协商议事点',
};

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  thematic: '专题协商',
  counterpart: '对口协商',
  sector: '界别协商',
  proposal: '提案办理协商',
  key: '重点协商会',
  deliberation: '协商议事会',
  bench: '板凳会',
  tea: '书记下午茶',
  other: '其他',
};

export const SIDE_LABELS: Record<ParticipantSide, string> = {
  organizer: '组织方/两委',
  member: '委员',
  party_member: '党员代表',
  resident: '居民/群众代表',
  department: '部门',
  enterprise: '企业',
  expert: '专家',
  stakeholder: '利益相关方',
  other: '其他',
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: '出席', excused: '请假', absent: '缺席' };

export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = { recommendation: '意见建议', decision: '共识' };

/** What each audited step is called in a topic's history. */
export const HISTORY_LABELS: Record<string, string> = {
  create: '出题',
  settle: '定题',
  decline: '不予定题',
  meeting: '安排协商会',
  participants: '登记参会人员',
  attendance: '登记出席情况',
  speech: '记录发言',
  hold: '召开协商会',
  notice: '发送会议通知',
  outcome: '添加协商成果',
  outcome_update: '成果办理反馈',
  resolve: '解题',
  evaluate: '评价',
  close: '结束评题',
  publish: '公开协商成果',
  acknowledge: '回应',
  answer: '答复',
  breach: '响应超时',
  outcome_overdue: '成果办理超期',
};

/** 第3次协商 */
export const sequenceLabel = (n: number): string => `第${n}次协商`;
