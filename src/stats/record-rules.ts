import { createHash } from 'node:crypto';
import { ConfigFile } from '../config/json-config';
import { MEETING_KINDS, MeetingKind } from '../topics/meeting.entities';

/**
 * What earns or costs points in a duty record 履职档案 (DOMAIN.md "Member duty record"). A points line's
 * `kind` is one of these; its points are the rule set's value for it.
 */
export const RULE_KEYS = [
  'proposalLeadAccepted',
  'proposalCosignedAccepted',
  'proposalKey',
  'proposalExcellent',
  'meetingAttended',
  'meetingExcused',
  'meetingAbsent',
  'plenaryAbsent',
  'speech',
  'outcomeAdopted',
  'visitAttended',
  'visitExcused',
  'visitAbsent',
  'opinionSubmitted',
  'opinionAccepted',
  'opinionAdoptedNational',
  'opinionAdoptedProvincial',
  'opinionAdoptedCity',
  'opinionAdoptedOther',
  'opinionInstructed',
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** The Chinese name of each rule, as the record and its PDF print it. */
export const RULE_LABELS: Record<RuleKey, string> = {
  proposalLeadAccepted: '领衔提案立案',
  proposalCosignedAccepted: '附议提案立案',
  proposalKey: '重点提案',
  proposalExcellent: '优秀提案',
  meetingAttended: '出席协商会议',
  meetingExcused: '请假',
  meetingAbsent: '无故缺席',
  plenaryAbsent: '无故缺席全体会议',
  speech: '会议发言',
  outcomeAdopted: '协商成果被采纳',
  visitAttended: '参加视察调研',
  visitExcused: '视察调研请假',
  visitAbsent: '视察调研无故缺席',
  opinionSubmitted: '报送社情民意信息',
  opinionAccepted: '社情民意信息采用编报',
  opinionAdoptedNational: '社情民意信息被全国政协采用',
  opinionAdoptedProvincial: '社情民意信息被省级采用',
  opinionAdoptedCity: '社情民意信息被市委、市政府采用',
  opinionAdoptedOther: '社情民意信息被其他单位采用',
  opinionInstructed: '社情民意信息获领导批示',
};

/**
 * Points items added after the first rule sets (社情民意, issue 18): a rule set written before them may leave
 * them out and gets these (docs/design/duty-records.md says where each value comes from).
 */
export const LATER_RULE_DEFAULTS: Partial<Record<RuleKey, number>> = {
  opinionSubmitted: 1,
  opinionAccepted: 3,
  opinionAdoptedNational: 15,
  opinionAdoptedProvincial: 8,
  opinionAdoptedCity: 5,
  opinionAdoptedOther: 2,
  opinionInstructed: 5,
};

export interface GradeBand {
  /** The lowest score of the band, on 100. */
  min: number;
  label: string;
}

/** One rule set, in force from `fromYear` until the next set's year. */
export interface RuleSet {
  fromYear: number;
  name: string;
  points: Record<RuleKey, number>;
  /** Meeting kinds whose unexcused absence is `plenaryAbsent` instead of `meetingAbsent` (全体会议). */
  plenaryMeetingKinds: MeetingKind[];
  /** Added to the points before grading. */
  baseScore: number;
  /** Highest band first; the last starts at 0. */
  grades: GradeBand[];
  /** SHA-256 (first 12 hex digits) of the set as configured: a record names the rules it was computed with. */
  version: string;
}

export interface RecordRules {
  ruleSets: RuleSet[];
}

export const RECORD_RULES = Symbol('RECORD_RULES');

function pointsOf(f: ConfigFile, raw: unknown, at: string): Record<RuleKey, number> {
  const values = f.object(raw, at, '须为对象，列出每项积分');
  const unknown = Object.keys(values).find((k) => !(RULE_KEYS as readonly string[]).includes(k));
  if (unknown) f.fail(`${at}.${unknown}`, `不是积分项；可用的积分项：${RULE_KEYS.join('、')}`);
  const out = {} as Record<RuleKey, number>;
  for (const key of RULE_KEYS)
    out[key] = f.int(values[key] ?? LATER_RULE_DEFAULTS[key], `${at}.${key}`, -100, 100, '须为 -100 到 100 的整数');
  return out;
}

function gradesOf(f: ConfigFile, raw: unknown, at: string): GradeBand[] {
  const list = f.list(
    raw,
    at,
    '须为非空列表，如 [{"min": 90, "label": "优秀"}, …, {"min": 0, "label": "不称职"}]',
    true,
  );
  const bands = list.map((b: unknown, i) => {
    const { min, label } = (b ?? {}) as Partial<GradeBand>;
    f.int(min, `${at}[${i}].min`, 0, 100, '须为 0 到 100 的整数');
    const name = f.text(label, `${at}[${i}].label`, '须为等次名称');
    if (i > 0 && min! >= (list[i - 1] as GradeBand).min)
      f.fail(`${at}[${i}].min`, '须小于上一档的 min（从高到低排列）');
    return { min: min!, label: name };
  });
  if (bands[bands.length - 1].min !== 0)
    f.fail(`${at}[${bands.length - 1}].min`, '最后一档须从 0 分开始，使每个分数都有等次');
  return bands;
}

function ruleSetOf(f: ConfigFile, raw: unknown, i: number): RuleSet {
  const at = `ruleSets[${i}]`;
  const r = f.object(raw, at, '须为对象');
  const fromYear = f.int(r.fromYear, `${at}.fromYear`, 1949, 9999, '须为年份，如 2026');
  const name = f.text(r.name, `${at}.name`, '须为规则名称');
  const kinds = f.list(r.plenaryMeetingKinds ?? [], `${at}.plenaryMeetingKinds`, '须为会议类型列表');
  kinds.forEach((k: unknown, j) => {
    if (!(MEETING_KINDS as readonly unknown[]).includes(k))
      f.fail(`${at}.plenaryMeetingKinds[${j}]`, `不是会议类型；可选 ${MEETING_KINDS.join('、')}`);
  });
  const baseScore = f.int(r.baseScore ?? 0, `${at}.baseScore`, 0, 100, '须为 0 到 100 的整数');
  const set = {
    fromYear,
    name,
    points: pointsOf(f, r.points, `${at}.points`),
    plenaryMeetingKinds: kinds as MeetingKind[],
    baseScore,
    grades: gradesOf(f, r.grades, `${at}.grades`),
  };
  return { ...set, version: createHash('sha256').update(JSON.stringify(set)).digest('hex').slice(0, 12) };
}

/** Reads and checks `config/records.json` (or `file`); a broken one stops start-up (exit code 78) with a message naming the key. */
export function loadRecordRules(file = 'records.json'): RecordRules {
  const f = new ConfigFile(file);
  const ruleSets = f.list(f.root.ruleSets, 'ruleSets', '须为非空列表', true).map((s, i) => ruleSetOf(f, s, i));
  ruleSets.forEach((s, i) => {
    if (i > 0 && s.fromYear <= ruleSets[i - 1].fromYear)
      f.fail(`ruleSets[${i}].fromYear`, '须大于上一套规则的 fromYear（按年份从早到晚排列）');
  });
  return { ruleSets };
}

/** The rule set in force in `year`: the latest one starting at or before it (the earliest for years before all). */
export function ruleSetFor(rules: RecordRules, year: number): RuleSet {
  return [...rules.ruleSets].reverse().find((s) => s.fromYear <= year) ?? rules.ruleSets[0];
}

/** What a year still running is graded: no band until the year is over, only the score so far. */
export const GRADE_PENDING = '年度未结束';

/**
 * The score on 100 (base plus points, kept within 0–100) and its grade band — once the year is over. While it
 * runs, the grade is GRADE_PENDING (`gradeFinal` false): a member three months into the year is not 不称职.
 */
export function gradeOf(
  set: RuleSet,
  points: number,
  running = false,
): { score: number; grade: string; gradeFinal: boolean } {
  const score = Math.max(0, Math.min(100, set.baseScore + points));
  if (running) return { score, grade: GRADE_PENDING, gradeFinal: false };
  return { score, grade: set.grades.find((b) => score >= b.min)!.label, gradeFinal: true };
}
