import type { RateView } from '../common/rate';

/*
 * The narrative of the 提案办理情况报告 (一、基本情况 … 五、下一步工作), written from the session's figures
 * as the office writes it. One pure function, so the later draft-and-edit step (issue 16, item 1) can
 * pre-fill its editable sections from the same text. A rate with no data behind it is said in words
 * (「暂不计算」「暂无评价」), never printed as 「—」 or 0%.
 */

/** The figures the narrative is written from: one session's, read by the report kind at render time. */
export interface AnnualFigures {
  /** 十二届二次会议 */
  sessionName: string;
  /** Received: submitted and not withdrawn. */
  total: number;
  /** Reviewed (立案, 不予立案, 转为意见建议, 并案) and accepted (立案 and every later state). */
  reviewed: number;
  accepted: number;
  rejected: number;
  converted: number;
  merged: number;
  /** 已交办 (assigned and later) and 已办复 (replied, completed). */
  assigned: number;
  replied: number;
  /** Still being handled, and of those past their deadline. */
  inHand: number;
  overdue: number;
  /** Proposals handled by one lead unit (of those with co-units) or split between units; the units involved. */
  handling: { lead: number; withCo: number; split: number; units: number };
  key: number;
  /** Key proposals with a supervising leader. */
  keySupervised: number;
  excellent: number;
  /** Communications recorded between units and proposers, and the proposals met before handling (办前面商). */
  communications: number;
  consultedBefore: number;
  /** The units' latest replies by class (A / B / C from config/proposals.json, in its order). */
  classes: Array<{ code: string; label: string; count: number }>;
  satisfaction: { attitude: RateView; result: RateView };
  /** Proposals whose latest evaluation is 不满意; those closed 未评价 by the deadline jobs. */
  unsatisfied: number;
  notEvaluated: number;
  /** Units with proposals past the deadline and unanswered, most first. */
  overdueUnits: Array<{ name: string; overdue: number }>;
  /** Replies given after the proposal's deadline. */
  lateReplies: number;
}

export interface AnnualSection {
  /** Without its number: the template numbers 一、二、… */
  heading: string;
  paragraphs: string[];
}

export const ANNUAL_HEADINGS = ['基本情况', '主要做法', '办理成效', '存在问题', '下一步工作'] as const;

/** 五、下一步工作: a standard paragraph the office edits before 签发 (the only section not drawn from the figures). */
export const ANNUAL_NEXT_STEPS: readonly string[] = [
  '下一步，我们将继续加强与承办单位的沟通联系，推动列入计划拟解决的事项按期落实；加大重点提案督办力度，对超过办理期限的提案及时催办；进一步完善提案办理质量评价，提高提案办理的针对性和实效性，更好发挥提案在协商议政中的作用。',
];

/** 80.0% — only ever called with a rate that has data behind it. */
export const percentOf = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

const share = (n: number, of: number) => percentOf(n / of);

/** 「不予立案2件，并案处理1件」: the non-zero parts only. */
function parts(items: Array<[string, number]>): string {
  return items
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}件`)
    .join('，');
}

function basics(f: AnnualFigures): string[] {
  if (f.total === 0) return [`${f.sessionName}以来，尚未收到提案，各项比率暂不计算。`];
  const others = parts([
    ['不予立案', f.rejected],
    ['转为意见建议', f.converted],
    ['并案处理', f.merged],
  ]);
  const pending = f.total - f.reviewed;
  const first =
    f.reviewed === 0
      ? `${f.sessionName}以来，共收到提案${f.total}件，目前均在审查中，尚未立案，立案率暂不计算。`
      : `${f.sessionName}以来，共收到提案${f.total}件，经审查立案${f.accepted}件，立案率${share(f.accepted, f.reviewed)}` +
        `${others ? `；${others}` : ''}${pending > 0 ? `；尚在审查${pending}件` : ''}。`;
  let second: string;
  if (f.accepted === 0) second = '';
  else if (f.assigned === 0) second = `立案的${f.accepted}件提案正在确定承办单位，尚未交办，办复率暂不计算。`;
  else if (f.replied === 0)
    second = `已交办的${f.assigned}件提案均在办理中，尚无已办复提案，办复率暂不计算${f.overdue > 0 ? `；其中超过办理期限${f.overdue}件` : ''}。`;
  else
    second =
      `已交办的${f.assigned}件提案中，已办复${f.replied}件，办复率${share(f.replied, f.assigned)}` +
      `${f.inHand > 0 ? `；尚在办理${f.inHand}件${f.overdue > 0 ? `，其中超过办理期限${f.overdue}件` : ''}` : ''}。`;
  return second ? [first, second] : [first];
}

function practice(f: AnnualFigures): string[] {
  const out: string[] = [];
  if (f.assigned === 0) out.push('坚持精准交办。立案提案正在逐件确定承办单位，尚未交办。');
  else {
    const ways = [
      f.handling.lead > 0
        ? `由一个单位主办的${f.handling.lead}件${f.handling.withCo > 0 ? `（其中会同其他单位会办的${f.handling.withCo}件）` : ''}`
        : '',
      f.handling.split > 0 ? `由几个单位分别办理的分办提案${f.handling.split}件` : '',
    ].filter(Boolean);
    out.push(
      `坚持精准交办。经与承办单位协商，已交办提案${f.assigned}件，涉及承办单位${f.handling.units}个${ways.length ? `，其中${ways.join('，')}` : ''}。`,
    );
  }
  if (f.key > 0)
    out.push(
      `突出重点提案督办。确定重点提案${f.key}件，${f.keySupervised === f.key ? '均由领导领衔督办，' : f.keySupervised > 0 ? `其中${f.keySupervised}件由领导领衔督办，` : ''}跟踪办理进度，推动重点提案高质量办理。`,
    );
  else out.push('本会次尚未确定重点提案。');
  if (f.communications > 0)
    out.push(
      `加强沟通协商。承办单位与提案人沟通${f.communications}次${f.consultedBefore > 0 ? `，其中办前面商提案${f.consultedBefore}件` : ''}，听取提案人意见，提高答复的针对性。`,
    );
  else out.push('承办单位与提案人的沟通情况尚未登记。');
  return out;
}

function results(f: AnnualFigures): string[] {
  const out: string[] = [];
  const answered = f.classes.reduce((a, c) => a + c.count, 0);
  if (answered === 0) out.push('承办单位尚未答复，答复分类暂无统计。');
  else {
    const byClass = f.classes
      .filter((c) => c.count > 0)
      .map((c) => `所提问题${c.label}的${c.code}类${c.count}件，占${share(c.count, answered)}`);
    out.push(`从承办单位的${answered}件答复看，${byClass.join('；')}。`);
  }
  const { attitude, result } = f.satisfaction;
  if (result.rate === null && attitude.rate === null)
    out.push(
      f.replied === 0
        ? '尚无已办复提案，提案人评价暂未开展，满意率暂无评价。'
        : '已办复提案尚未收到提案人评价，满意率暂无评价。',
    );
  else {
    const said = [
      result.rate === null
        ? '对办理结果暂无评价'
        : `对办理结果满意或基本满意的${result.numerator}件，满意率${percentOf(result.rate)}`,
      attitude.rate === null ? '对办理工作暂无评价' : `对办理工作的满意率为${percentOf(attitude.rate)}`,
    ];
    out.push(`在提案人已评价的${result.denominator}件提案中，${said.join('；')}。`);
  }
  if (f.excellent > 0) out.push(`评选优秀提案${f.excellent}件。`);
  return out;
}

function problems(f: AnnualFigures): string[] {
  const out: string[] = [];
  if (f.overdue > 0) {
    const units = f.overdueUnits
      .filter((u) => u.overdue > 0)
      .map((u) => `${u.name}${u.overdue}件`)
      .join('、');
    out.push(`部分提案超过办理期限尚未答复。目前超期未答复的提案${f.overdue}件${units ? `，涉及${units}` : ''}。`);
  }
  if (f.lateReplies > 0) out.push(`有${f.lateReplies}件答复晚于办理期限，答复时效有待提高。`);
  if (f.unsatisfied > 0) out.push(`有${f.unsatisfied}件提案的办理结果被提案人评价为不满意，已交承办单位重新办理。`);
  if (f.notEvaluated > 0) out.push(`有${f.notEvaluated}件提案的提案人逾期未作评价。`);
  if (!out.length)
    out.push(
      f.replied === 0
        ? '提案尚在办理之中，目前没有超过办理期限的提案；办理中的问题待答复后再作分析。'
        : '截至目前，没有超过办理期限未答复的提案，也没有被评价为不满意的提案。',
    );
  return out;
}

/** The five sections, pre-filled from the figures. */
export function annualSections(f: AnnualFigures): AnnualSection[] {
  const bodies = [basics(f), practice(f), results(f), problems(f), [...ANNUAL_NEXT_STEPS]];
  return ANNUAL_HEADINGS.map((heading, i) => ({ heading, paragraphs: bodies[i] }));
}

/** 「十二届二次会议提案办理情况的报告」's lead: why the report is made, to whom. */
export const annualLead = (sessionName: string): string => `现将${sessionName}以来提案办理工作情况报告如下：`;

/** A rate for the 附表: the figure, or what stands for it in words when there is no data. */
export function rateInWords(r: RateView, none: string): string {
  return r.rate === null ? none : percentOf(r.rate);
}
