import { CommitmentStatus, keptOnTime, ratesByUnit } from '../proposals/commitment-rules';
import { percentOf } from './proposal-annual-text';

/*
 * The text of the 提案办理回头看情况报告 (一、基本情况 … 四、下一步工作), written from the year's commitments
 * (承诺事项 of B/C replies) as the office writes it. Pure: the draft's editable sections and the unit spec read
 * the same words. Nothing to assess is said in words: no rate over nothing, no 0 %.
 */

/** One unit's line of the 各单位落实情况 table (the 回头看 page's rates, with the overdue count). */
export interface ReviewUnitRow {
  name: string;
  count: number;
  /** Past its day, or already reported or judged. */
  assessable: number;
  keptOnTime: number;
  /** Promised and past its day: not reported. */
  overdue: number;
  /** keptOnTime / assessable; null when nothing is assessable yet. */
  rate: number | null;
}

/** A commitment named in 三、存在问题: overdue and not reported, or judged not kept by the proposer. */
export interface ReviewItem {
  unit: string;
  title: string;
  /** 第0045号, or null for a proposal without a number. */
  numberLabel: string | null;
  text: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** The figures of one year's 回头看 (the proposals of the year's sessions), read at render time. */
export interface ReviewFigures {
  year: number;
  /** Today, YYYY-MM-DD (Shanghai): 「截至2026年12月7日」. */
  today: string;
  /** B/C replies carrying commitments, by class (in config order, the classes with any). */
  replies: number;
  repliesByClass: Array<{ code: string; count: number }>;
  proposals: number;
  units: number;
  commitments: number;
  notDue: number;
  assessable: number;
  keptOnTime: number;
  keptLate: number;
  notKept: number;
  overdue: number;
  /** Reported by the unit, waiting for the proposer's verdict. */
  awaitingVerdict: number;
  byUnit: ReviewUnitRow[];
  overdueItems: ReviewItem[];
  notKeptItems: ReviewItem[];
}

/** One commitment as the report reads it: with its unit's name and its proposal's title and number. */
export interface ReviewRow extends ReviewItem {
  proposalId: number;
  replyId: number;
  unitId: number;
  classification: string;
  status: CommitmentStatus;
  doneDate: string | null;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/** The items as 三、 lists them: grouped by unit (by name), then by due day. */
const listed = (rows: ReviewRow[]): ReviewItem[] =>
  rows
    .map(({ unit, title, numberLabel, text, dueDate }) => ({ unit, title, numberLabel, text, dueDate }))
    .sort((a, b) => byName(a.unit, b.unit) || a.dueDate.localeCompare(b.dueDate));

/**
 * The figures of a year's commitments on `today`: the rates of `ratesByUnit` (the 回头看 page's), the states
 * counted, the replies by class (`classCodes`, config order), the overdue and the not-kept ones to list.
 */
export function reviewFigures(year: number, today: string, rows: ReviewRow[], classCodes: string[]): ReviewFigures {
  const count = (f: (r: ReviewRow) => boolean) => rows.filter(f).length;
  const onTime = (r: ReviewRow) => keptOnTime(r.status, r.dueDate, r.doneDate) === true;
  const overdue = (r: ReviewRow) => r.status === 'promised' && r.dueDate < today;
  const replies = [...new Map(rows.map((r) => [r.replyId, r.classification])).values()];
  const names = new Map(rows.map((r) => [r.unitId, r.unit]));
  return {
    year,
    today,
    replies: replies.length,
    repliesByClass: classCodes.map((code) => ({ code, count: replies.filter((x) => x === code).length })),
    proposals: new Set(rows.map((r) => r.proposalId)).size,
    units: names.size,
    commitments: rows.length,
    notDue: count((r) => r.status === 'promised' && r.dueDate >= today),
    assessable: count((r) => r.status !== 'promised' || r.dueDate < today),
    keptOnTime: count(onTime),
    keptLate: count((r) => r.status === 'kept' && !onTime(r)),
    notKept: count((r) => r.status === 'not_kept'),
    overdue: count(overdue),
    awaitingVerdict: count((r) => r.status === 'reported'),
    byUnit: ratesByUnit(rows, today)
      .map((u) => ({
        name: names.get(u.unitId) ?? '',
        count: u.count,
        assessable: u.assessable,
        keptOnTime: u.keptOnTime,
        overdue: count((r) => r.unitId === u.unitId && overdue(r)),
        rate: u.rate,
      }))
      .sort((a, b) => byName(a.name, b.name)),
    overdueItems: listed(rows.filter(overdue)),
    notKeptItems: listed(rows.filter((r) => r.status === 'not_kept')),
  };
}

export const REVIEW_SECTIONS = [
  { key: 'basic', heading: '基本情况' },
  { key: 'units', heading: '各单位落实情况' },
  { key: 'problems', heading: '存在问题' },
  { key: 'next', heading: '下一步工作' },
] as const;

/** 四、下一步工作: a standard paragraph the office edits before 签发. */
export const REVIEW_NEXT_STEPS: readonly string[] = [
  '下一步，我们将会同市委、市政府督查部门，对已到期未报告落实情况和提案人评判未兑现的承诺事项逐项督办，督促承办单位说明原因、明确时限、抓好落实；将承诺事项落实情况纳入提案办理工作考评，推动“答复型”办理向“落实型”办理转变，切实提高提案办理实效。',
];

/** 2026-06-30 → 2026年6月30日 */
export const dayInWords = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const share = (n: number, of: number) => percentOf(n / of);

/** 「按期兑现3项；逾期兑现1项」: the non-zero parts only. */
const parts = (items: Array<[string, number]>) =>
  items
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}项`)
    .join('；');

function basics(f: ReviewFigures): string[] {
  if (f.commitments === 0)
    return [`${f.year}年度提案的答复中，尚无作出承诺的B、C类答复，回头看暂无可评估的承诺事项，按期兑现率暂不计算。`];
  const classes = f.repliesByClass.filter((c) => c.count > 0);
  // 「有3件B、C类答复作出承诺（B类2件、C类1件）」; with one class only, 「有1件B类答复作出承诺」.
  const replies =
    classes.length === 1
      ? `有${f.replies}件${classes[0].code}类答复作出承诺`
      : `有${f.replies}件${classes.map((c) => c.code).join('、')}类答复作出承诺（${classes.map((c) => `${c.code}类${c.count}件`).join('、')}）`;
  const out = [
    `${f.year}年度提案的答复中，${replies}，` +
      `涉及提案${f.proposals}件、承办单位${f.units}个，共承诺事项${f.commitments}项。`,
  ];
  const asOf = `截至${dayInWords(f.today)}`;
  if (f.assessable === 0) out.push(`${asOf}，承诺事项均未到期，也没有报告落实情况的，按期兑现率暂不计算。`);
  else {
    const rest = parts([
      ['逾期兑现', f.keptLate],
      ['提案人评判未兑现', f.notKept],
      ['已到期尚未报告落实情况', f.overdue],
      ['已报告落实情况、待提案人评判', f.awaitingVerdict],
    ]);
    out.push(
      `${asOf}，已到期或已报告落实情况的承诺事项${f.assessable}项，其中按期兑现${f.keptOnTime}项，` +
        `按期兑现率${share(f.keptOnTime, f.assessable)}${rest ? `；${rest}` : ''}` +
        `${f.notDue > 0 ? `。另有${f.notDue}项尚未到期` : ''}。`,
    );
  }
  const kept = f.keptOnTime + f.keptLate;
  const judged = kept + f.notKept;
  out.push(
    judged > 0
      ? `提案人已对${judged}项承诺事项的落实情况作出评判，认为已兑现的${kept}项，占${share(kept, judged)}。`
      : '提案人尚未对承诺事项的落实情况作出评判。',
  );
  return out;
}

function units(f: ReviewFigures): string[] {
  if (!f.byUnit.length) return ['尚无承办单位在答复中作出承诺。'];
  const out: string[] = [];
  const full = f.byUnit.filter((u) => u.assessable > 0 && u.rate === 1).map((u) => u.name);
  const late = f.byUnit.filter((u) => u.overdue > 0).map((u) => `${u.name}${u.overdue}项`);
  if (full.length) out.push(`按期兑现率达到100%的单位有：${full.join('、')}。`);
  if (late.length) out.push(`有已到期未报告落实情况事项的单位：${late.join('、')}。`);
  // Last, so that the table follows the sentence that announces it.
  out.push('各承办单位承诺事项落实情况见下表。');
  return out;
}

/** Items named per unit, units named, and characters quoted of a commitment: within the editable text's limits. */
export const REVIEW_LIMITS = { itemsPerUnit: 5, units: 30, quoted: 80 } as const;

const quoted = (text: string) =>
  text.length > REVIEW_LIMITS.quoted ? `${text.slice(0, REVIEW_LIMITS.quoted)}……` : text;

const itemText = (i: ReviewItem) =>
  `《${i.title}》${i.numberLabel ? `（${i.numberLabel}）` : ''}中“${quoted(i.text)}”，应于${dayInWords(i.dueDate)}前完成`;

/** 「吴忠市自然资源局2项：《…》中“…”，应于…前完成。」, at most five named, the rest counted. */
function unitParagraph(g: { unit: string; items: ReviewItem[] }): string {
  const named = g.items.slice(0, REVIEW_LIMITS.itemsPerUnit).map(itemText).join('；');
  const more = g.items.length - REVIEW_LIMITS.itemsPerUnit;
  return `${g.unit}${g.items.length}项：${named}${more > 0 ? `；另有${more}项` : ''}。`;
}

/** One paragraph a unit, at most REVIEW_LIMITS.units of them, then the others counted. */
function unitParagraphs(items: ReviewItem[]): string[] {
  const groups = byUnit(items);
  const out = groups.slice(0, REVIEW_LIMITS.units).map(unitParagraph);
  const rest = groups.slice(REVIEW_LIMITS.units);
  if (rest.length)
    out.push(`另有${rest.length}个单位${rest.reduce((n, g) => n + g.items.length, 0)}项，详见回头看清单。`);
  return out;
}

/** The items grouped by unit in the order given (the kind sorts them by unit, then due day). */
function byUnit(items: ReviewItem[]): Array<{ unit: string; items: ReviewItem[] }> {
  const groups: Array<{ unit: string; items: ReviewItem[] }> = [];
  for (const i of items) {
    const last = groups[groups.length - 1];
    if (last && last.unit === i.unit) last.items.push(i);
    else groups.push({ unit: i.unit, items: [i] });
  }
  return groups;
}

function problems(f: ReviewFigures): string[] {
  if (f.commitments === 0) return ['尚无承诺事项，暂无问题分析。'];
  const out: string[] = [];
  if (f.overdueItems.length) {
    out.push(`部分承诺事项到期后未报告落实情况，共${f.overdue}项：`);
    out.push(...unitParagraphs(f.overdueItems));
  }
  if (f.notKeptItems.length) {
    out.push(`部分承诺事项经提案人评判未兑现，共${f.notKept}项：`);
    out.push(...unitParagraphs(f.notKeptItems));
  }
  if (f.keptLate > 0) out.push(`有${f.keptLate}项承诺事项虽已兑现，但晚于承诺的期限，落实时效有待提高。`);
  if (!out.length) out.push('截至目前，没有已到期未报告落实情况的承诺事项，也没有被提案人评判为未兑现的承诺事项。');
  return out;
}

/** The four sections, pre-filled from the figures. */
export function reviewSections(f: ReviewFigures): Array<{ key: string; heading: string; paragraphs: string[] }> {
  const bodies = [basics(f), units(f), problems(f), [...REVIEW_NEXT_STEPS]];
  return REVIEW_SECTIONS.map((s, i) => ({ ...s, paragraphs: bodies[i] }));
}

export const reviewLead = (year: number): string =>
  `为推动提案办理由“重答复”向“重落实”转变，我们对${year}年度提案答复中承办单位作出的承诺事项开展了回头看。现将有关情况报告如下：`;

type TableRow = { count: number; keptOnTime: number; overdue: number; rate: string };

/** The 各单位落实情况 table: a row a unit and the 合计 (none without units); a rate without data in words. */
export function reviewTable(f: ReviewFigures): { byUnit: Array<TableRow & { name: string }>; total: TableRow | null } {
  const rate = (r: number | null) => (r === null ? '暂不计算' : percentOf(r));
  const sum = (k: 'count' | 'keptOnTime' | 'overdue' | 'assessable') => f.byUnit.reduce((n, u) => n + u[k], 0);
  return {
    byUnit: f.byUnit.map((u) => ({
      name: u.name,
      count: u.count,
      keptOnTime: u.keptOnTime,
      overdue: u.overdue,
      rate: rate(u.rate),
    })),
    total: f.byUnit.length
      ? {
          count: sum('count'),
          keptOnTime: sum('keptOnTime'),
          overdue: sum('overdue'),
          rate: rate(sum('assessable') ? sum('keptOnTime') / sum('assessable') : null),
        }
      : null,
  };
}
