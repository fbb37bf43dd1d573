/*
 * The stages of a document the office issues (协商要报, 调研报告, 提案办理情况报告): drafted and edited
 * (draft), 提交签发 (submitted), signed off (签发, signed). A submitted draft can be sent back (退回修改).
 * Kinds the office does not issue (提案单, 答复函, 履职档案, a point's 协商结果公示) are `final` from the start.
 * Pure: no framework import; the service loads, asks, saves and audits.
 */

export const REPORT_STAGES = ['draft', 'submitted', 'signed', 'final'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const REPORT_STAGE_LABELS: Record<ReportStage, string> = {
  draft: '草稿',
  submitted: '待签发',
  signed: '已签发',
  final: '已定稿',
};

export type StageAction = 'edit' | 'submit' | 'return' | 'sign' | 'deliver';

const ACTION_LABELS: Record<StageAction, string> = {
  edit: '修改',
  submit: '提交签发',
  return: '退回修改',
  sign: '签发',
  deliver: '送达',
};

/** The arrows: from a stage, by an action, to a stage. Editing stays in draft; delivery leaves the stage as it is. */
const ARROWS: Record<StageAction, Partial<Record<ReportStage, ReportStage>>> = {
  edit: { draft: 'draft' },
  submit: { draft: 'submitted' },
  return: { submitted: 'draft' },
  sign: { submitted: 'signed' },
  deliver: { signed: 'signed', final: 'final' },
};

/** Why an action is refused at a stage, as the person reads it. */
function reason(stage: ReportStage, action: StageAction): string {
  const at = REPORT_STAGE_LABELS[stage];
  if (stage === 'final') return `该报告不需要签发，不能${ACTION_LABELS[action]}`;
  if (action === 'deliver') return `文稿${at}，签发后才能送达`;
  if (action === 'edit') return `文稿${at}，只有草稿可以修改${stage === 'submitted' ? '（可请签发人退回修改）' : ''}`;
  if (action === 'sign') return stage === 'signed' ? '文稿已签发，不能再次签发' : '文稿还是草稿，提交签发后才能签发';
  if (action === 'return') return `文稿${at}，只有待签发的文稿可以退回`;
  return `文稿${at}，不能再提交签发`;
}

export type StageDecision = { ok: true; to: ReportStage } | { ok: false; reason: string };

/** (stage, action) → the next stage, or the Chinese reason it is refused (the API answers 409). */
export function nextStage(stage: ReportStage, action: StageAction): StageDecision {
  const to = ARROWS[action][stage];
  return to ? { ok: true, to } : { ok: false, reason: reason(stage, action) };
}

/** Stages in which the document is still a draft: its PDF is a 送审稿 without number, date or 签发人. */
export const isDraftStage = (stage: ReportStage): boolean => stage === 'draft' || stage === 'submitted';
