/**
 * The words a briefing is titled and opened with, taken from a topic's or a visit's name as people type it
 * (「关于…的重点协商」, 「…问题」, 「…专题调研」): the subject without the wrapping, and the action the name
 * already named (重点协商, 专题调研 …), so nothing is said twice (「…专题调研情况的报告」, 「第1次协商协商议事会」).
 * Pure; the kinds put the organ and the dates around them.
 */

/** Name endings that say what was done, longest first; what is left before them is the subject. */
const ACTIONS = [
  '提案办理协商',
  '重点协商会',
  '重点协商',
  '专题协商会',
  '专题协商',
  '对口协商',
  '界别协商',
  '协商议事会',
  '协商议事',
  '协商会',
  '协商',
  '专题调研',
  '专题视察',
  '调研',
  '视察',
  '走访',
  '观摩',
] as const;

/** Endings that only wrap the subject (「…的议题」, 「…的建议」, 「…的报告」). */
const WRAPPERS = ['的议题', '议题', '的建议', '的报告', '报告', '的情况'] as const;

export interface NamedSubject {
  /** 盘活工业低效用地, 家政服务业发展情况, 吉泰润园小区停车问题 */
  subject: string;
  /** The action the name ended with (重点协商, 专题调研), or null when it named none. */
  action: string | null;
}

/** 「关于盘活工业低效用地的重点协商」 → { subject: 盘活工业低效用地, action: 重点协商 }. */
export function namedSubject(name: string): NamedSubject {
  let s = name.trim();
  // Quotes around the whole name only: 「“盘活贷”产品」 keeps its own.
  const quoted = /^[“"「『](.*)[”"」』]$/.exec(s);
  if (quoted && !/[“"「『”"」』]/.test(quoted[1])) s = quoted[1];
  s = s.replace(/^关于/, '');
  let action: string | null = null;
  for (let changed = true; changed;) {
    changed = false;
    const wrapper = WRAPPERS.find((w) => s.endsWith(w) && s.length > w.length);
    if (wrapper) {
      s = s.slice(0, -wrapper.length);
      changed = true;
    }
    const a = ACTIONS.find((w) => s.endsWith(w) && s.length > w.length);
    if (a && action === null) {
      s = s.slice(0, -a.length);
      action = a.replace(/会$/, '');
      changed = true;
    }
    if (s.endsWith('的') && s.length > 1) {
      s = s.slice(0, -1);
      changed = true;
    }
  }
  s = s.replace(/^[“"「](.*)[”"」]$/, (all, inner: string) => (/[“"「”"」]/.test(inner) ? all : inner));
  return { subject: s, action };
}

/** What the office calls a meeting kind when it says what it did: 重点协商会 → 重点协商, 板凳会 → 协商. */
export function consultationAction(meetingKindLabel: string | null | undefined): string {
  if (!meetingKindLabel) return '协商';
  const k = meetingKindLabel.replace(/会$/, '');
  return /协商$/.test(k) ? k : '协商';
}

/** 市政协 from 政协吴忠市委员会 (县政协, 区政协 likewise); the short name itself when it has another shape. */
export function organAbbreviation(shortName: string): string {
  const m = /^政协.+?(市|县|区|州|盟|旗)委员会$/.exec(shortName);
  return m ? `${m[1]}政协` : shortName;
}

/** 「市政协就盘活工业低效用地开展重点协商」: the office's form for a briefing on its own topic; the action from the first meeting's kind, else from the name. */
export function topicBriefingTitle(organ: string, topicName: string, meetingKindLabel?: string | null): string {
  const { subject, action } = namedSubject(topicName);
  return `${organ}就${subject}开展${consultationAction(meetingKindLabel ?? action)}`;
}

/** 「关于吉泰润园小区停车收费的协商结果公示」: a consultation point's document on its own matter. */
export function pointNoticeTitle(topicName: string): string {
  return `关于${namedSubject(topicName).subject}的协商结果公示`;
}

/** 「关于家政服务业发展情况的调研报告」: 视察 / 调研 / 走访 / 观摩 by the visit's kind. */
export function visitReportTitle(visitName: string, kindLabel: string): string {
  return `关于${namedSubject(visitName).subject}的${kindLabel}报告`;
}

/** 「就家政服务业发展情况开展专题调研」: the visit's subject and the action its name gave (its kind otherwise). */
export function visitAction(visitName: string, kindLabel: string): string {
  const { subject, action } = namedSubject(visitName);
  return `就${subject}开展${action && !/协商/.test(action) ? action : kindLabel}`;
}

/**
 * A meeting's heading: 第1次协商议事会, 第2次重点协商会, 第1次板凳会; kinds that name no meeting
 * (书记下午茶, 其他) keep 协商 and say the kind after it: 第1次协商（书记下午茶）.
 */
export function meetingHeading(sequence: number, kindLabel: string): string {
  if (/协商/.test(kindLabel) || /会$/.test(kindLabel)) return `第${sequence}次${kindLabel}`;
  if (kindLabel === '其他') return `第${sequence}次协商`;
  return `第${sequence}次协商（${kindLabel}）`;
}
