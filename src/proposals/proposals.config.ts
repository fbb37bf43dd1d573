import * as path from 'node:path';
import { CONFIG_DIR, ConfigFile } from '../config/json-config';
import type { WorkCalendar } from './proposal-dates';

/** A configurable list entry: a stable English code and its Chinese label. */
export interface Coded {
  code: string;
  label: string;
}

/** The proposal rules an office may tune (`config/proposals.json`), read once at boot. */
export interface ProposalConfig {
  /** 提案类别 (the API enumeration, with the labels shown to people). */
  categories: Coded[];
  /** 不予立案理由: a rejection names one of these. */
  refusalGrounds: Coded[];
  /** 答复分类 A/B/C. */
  classifications: Coded[];
  /** 大会提案: filed within this many months before the session's 大会提案截止 (closesAt), up to it. */
  plenaryWindowMonths: number;
  /** 办理期限: months from assignment. */
  deadlineMonths: number;
  /** The deadline, extensions included, is at most this many months after handling started (DOMAIN: "extendable up to six"). */
  maxHandlingMonths: number;
  /** 退回: a unit may return a proposal within this many days of its assignment. */
  returnWindowDays: number;
  /** 附议: an invited co-signer confirms within this many days of the invitation. */
  coSignDays: number;
  /** 评价: the proposer answers within this many working days of the reply (used by the deadline jobs). */
  evaluationWorkingDays: number;
  /** 办前面商: within this many working days of assignment (used by the deadline jobs). */
  communicationBeforeWorkingDays: number;
  /** The units are reminded this many days before the deadline, once each (default 15 and 3). */
  reminderDaysBefore: number[];
  /** Working days (for the evaluation time-out): `holidays` off, `workdays` (调休) worked, as `YYYY-MM-DD` in Shanghai. */
  calendar: WorkCalendar;
  /** 答复函: print 「答复类别：B类」 under the masthead (default true; false where the office keeps the class off the letter). */
  printReplyClassification: boolean;
  /**
   * 相似提案: only proposals at least this similar (weighted Jaccard of their character bigrams, in per cent) are
   * offered on the review desk, for 并案 and by `GET /proposals/:id/similar` (default 30).
   */
  similarMinPercent: number;
}

/** The shipped threshold of 相似提案: the demo's same-matter pairs score 33–80 %, unrelated ones at most 24 %. */
export const DEFAULT_SIMILAR_MIN_PERCENT = 30;

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const NUMBERS = [
  'plenaryWindowMonths',
  'deadlineMonths',
  'maxHandlingMonths',
  'returnWindowDays',
  'coSignDays',
  'evaluationWorkingDays',
  'communicationBeforeWorkingDays',
] as const;

function codedList(f: ConfigFile, raw: unknown, key: string, allowEmpty: boolean): Coded[] {
  const seen = new Set<string>();
  return f.list(raw, key, '须为非空列表', !allowEmpty).map((item: unknown, i) => {
    const { code, label } = (item ?? {}) as Partial<Coded>;
    if (typeof code !== 'string' || !CODE.test(code) || typeof label !== 'string' || !label.trim()) {
      f.fail(`${key}[${i}]`, '须为 {code, label}，code 为英文代码');
    }
    if (seen.has(code)) f.fail(key, `中代码 ${code} 重复`);
    seen.add(code);
    return { code, label: label.trim() };
  });
}

/** A list of whole numbers 1–366, each once; `fallback` when the key is absent. */
function dayCounts(f: ConfigFile, raw: unknown, key: string, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  if (
    !Array.isArray(raw) ||
    raw.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 366) ||
    new Set(raw).size !== raw.length
  ) {
    f.fail(key, '须为 1–366 的整数列表，不能重复');
  }
  return [...(raw as number[])].sort((a, b) => b - a);
}

/** A list of calendar days `YYYY-MM-DD`; empty when the key is absent. */
function dayList(f: ConfigFile, raw: unknown, key: string): string[] {
  if (raw === undefined) return [];
  return f.list(raw, key, '须为日期列表，如 ["2026-10-01"]').map((day: unknown, i) => {
    const at =
      typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`).getTime() : NaN;
    const valid = !Number.isNaN(at) && new Date(at).toISOString().startsWith(day as string);
    if (!valid) f.fail(`${key}[${i}]`, '须为日期，如 "2026-10-01"');
    return day as string;
  });
}

/** true or false; `fallback` when the key is absent. */
function flag(f: ConfigFile, raw: unknown, key: string, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'boolean') f.fail(key, '须为 true 或 false');
  return raw;
}

/** Reads and checks the proposal rules; a bad file stops start-up (exit code 78) with a message naming the entry. */
export function loadProposalConfig(file = path.join(CONFIG_DIR, 'proposals.json')): ProposalConfig {
  const f = new ConfigFile(file);
  const raw = f.root;
  const numbers = {} as Record<(typeof NUMBERS)[number], number>;
  for (const key of NUMBERS) numbers[key] = f.int(raw[key], key, 1, 366);
  if (numbers.maxHandlingMonths < numbers.deadlineMonths) f.fail('maxHandlingMonths', '不能小于 deadlineMonths');
  return {
    categories: codedList(f, raw.categories, 'categories', false),
    refusalGrounds: codedList(f, raw.refusalGrounds, 'refusalGrounds', true),
    classifications: codedList(f, raw.classifications, 'classifications', false),
    ...numbers,
    reminderDaysBefore: dayCounts(f, raw.reminderDaysBefore, 'reminderDaysBefore', [15, 3]),
    calendar: { holidays: dayList(f, raw.holidays, 'holidays'), workdays: dayList(f, raw.workdays, 'workdays') },
    printReplyClassification: flag(f, raw.printReplyClassification, 'printReplyClassification', true),
    similarMinPercent:
      raw.similarMinPercent === undefined
        ? DEFAULT_SIMILAR_MIN_PERCENT
        : f.int(raw.similarMinPercent, 'similarMinPercent', 1, 100, '须为 1–100 的整数（相似度百分比）'),
  };
}

export const PROPOSAL_CONFIG = Symbol('PROPOSAL_CONFIG');

/** The label of `code` in a configured list, or the code itself when the list no longer has it. */
export function labelOf(list: Coded[], code: string | null): string | null {
  if (code === null) return null;
  return list.find((c) => c.code === code)?.label ?? code;
}
