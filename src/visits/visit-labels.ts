import { RsvpAnswer, VisitKind, VisitOrganizerType, VisitParticipantKind } from './visit.entities';

export { STATUS_LABELS } from './visit-workflow';

export const KIND_LABELS: Record<VisitKind, string> = {
  inspection: '视察',
  research: '调研',
  call: '走访',
  observation: '观摩',
};

export const ORGANIZER_TYPE_LABELS: Record<VisitOrganizerType, string> = { committee: '专委会', sector: '界别' };

export const PARTICIPANT_KIND_LABELS: Record<VisitParticipantKind, string> = {
  member: '委员',
  staff: '工作人员',
  unit: '受邀单位人员',
};

export const ANSWER_LABELS: Record<RsvpAnswer, string> = { pending: '待答复', accepted: '参加', declined: '请假' };

/** What each audited step is called in a visit's history. */
export const HISTORY_LABELS: Record<string, string> = {
  create: '安排视察调研',
  update: '修改行程',
  invite: '邀请参加人员',
  uninvite: '取消邀请',
  rsvp: '答复',
  finding: '记录问题建议',
  attach: '上传照片',
  complete: '标记为已完成',
  cancel: '取消',
  topic: '据此提出协商议题',
  proposal: '据此起草提案',
  notice: '发送会议通知',
};

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** 周四 for `2026-06-18`. */
export const weekdayOf = (day: string): string => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
