/*
 * 信息员 quotas as plain functions: which months of a year an appointment covers, how an informant's items are
 * counted by month, and whether they are behind. No Nest, no TypeORM; months are those of the display clock.
 */
import { zonedParts } from '../common/time-zone';
import { NOT_ADOPTABLE } from './opinion-outcomes';
import { OpinionStatus } from './opinion-workflow';
import { SubmitterKind } from './opinion.entities';

/** The facts of one appointment that decide its months: the year, the quota, when it was made and ended. */
export interface Appointment {
  year: number;
  monthlyQuota: number;
  /** When staff entered it (`createdAt`): the quota starts that month if it falls in the year. */
  appointedAt: Date;
  /** 解聘: the quota stops after that month. */
  endedAt: Date | null;
}

/** One item the informant is a contributor of, as loaded: when it was (last) submitted, its status and kind. */
export interface CountedItem {
  submittedAt: Date | null;
  status: OpinionStatus;
  submitterKind: SubmitterKind;
}

/** met: quota reached; short: a past month below it; due: this month, not yet reached; upcoming; off: not appointed. */
export const MONTH_STATES = ['met', 'short', 'due', 'upcoming', 'off'] as const;
export type MonthState = (typeof MONTH_STATES)[number];

export const MONTH_STATE_LABELS: Record<MonthState, string> = {
  met: '已完成',
  short: '未完成',
  due: '进行中',
  upcoming: '未到',
  off: '未聘任',
};

export interface MonthProgress {
  month: number;
  /** 报送: items submitted that month (any kind the informant leads or co-signs, 综合 not). */
  submitted: number;
  /** 采用编报 (or later: merged, compiled) among them. */
  accepted: number;
  /** The quota of the month; 0 in a month the appointment does not cover. */
  quota: number;
  state: MonthState;
}

export interface QuotaProgress {
  months: MonthProgress[];
  /** The current month of the appointment's year (null in another year or a month it does not cover). */
  thisMonth: { month: number; submitted: number; accepted: number; quota: number; remaining: number } | null;
  yearSubmitted: number;
  yearAccepted: number;
  /** quota × the covered months already over. */
  dueSoFar: number;
  /** Items in the covered months up to and including the current one. */
  doneSoFar: number;
  /** Fewer done than due so far: a month's shortfall may be made up later in the year. */
  behind: boolean;
}

/** `year`-`month` (1–12) on `timeZone`'s wall clock at `at`. */
export function monthOf(at: Date, timeZone: string): { year: number; month: number } {
  const p = zonedParts(at, timeZone);
  return { year: p.year, month: p.month };
}

/**
 * The months (first and last, 1–12) of its year an appointment covers: from the month it was entered (January if
 * entered before the year) to the month it ended (December if not ended); null if it ended before the year began.
 */
export function coveredMonths(a: Appointment, timeZone: string): { first: number; last: number } | null {
  const made = monthOf(a.appointedAt, timeZone);
  const first = made.year < a.year ? 1 : made.year === a.year ? made.month : 13;
  let last = 12;
  if (a.endedAt) {
    const ended = monthOf(a.endedAt, timeZone);
    last = ended.year > a.year ? 12 : ended.year === a.year ? ended.month : 0;
  }
  return first <= last ? { first, last } : null;
}

/**
 * What counts for a month: every item the informant is a contributor of (leads or co-signs, filed as 信息员 or as
 * 委员), submitted in that month of the year; not drafts, and not 综合 items (staff's merge of items already
 * counted once each). 采用编报 are those among them accepted or later (merged, compiled) — the statistics' 编报.
 */
export function countByMonth(
  items: readonly CountedItem[],
  year: number,
  timeZone: string,
): Map<number, { submitted: number; accepted: number }> {
  const out = new Map<number, { submitted: number; accepted: number }>();
  for (const it of items) {
    if (!it.submittedAt || it.status === 'draft' || it.submitterKind === 'combined') continue;
    const at = monthOf(it.submittedAt, timeZone);
    if (at.year !== year) continue;
    const m = out.get(at.month) ?? { submitted: 0, accepted: 0 };
    m.submitted++;
    if (!NOT_ADOPTABLE.includes(it.status)) m.accepted++;
    out.set(at.month, m);
  }
  return out;
}

function thisMonthOf({ month, submitted, accepted, quota }: MonthProgress): QuotaProgress['thisMonth'] {
  return { month, submitted, accepted, quota, remaining: Math.max(0, quota - submitted) };
}

/** A month against its quota, `current` being this month's number (0 before the year, 13 after it). */
function stateOf(month: number, current: number, quota: number, submitted: number): MonthState {
  if (!quota) return 'off';
  if (month > current) return 'upcoming';
  if (submitted >= quota) return 'met';
  return month < current ? 'short' : 'due';
}

/**
 * An appointment's year month by month against its quota, as of `now`: each covered month met or short once over,
 * the current one due until met; behind when the items of the covered months so far are fewer than the quota
 * times the covered months already over (so a short month can be made up).
 */
export function quotaProgress(
  a: Appointment,
  counts: Map<number, { submitted: number; accepted: number }>,
  now: Date,
  timeZone: string,
): QuotaProgress {
  const today = monthOf(now, timeZone);
  const current = today.year === a.year ? today.month : today.year > a.year ? 13 : 0;
  const covered = coveredMonths(a, timeZone);
  const covers = (m: number) => covered !== null && m >= covered.first && m <= covered.last;
  let dueSoFar = 0;
  let doneSoFar = 0;
  const months = Array.from({ length: 12 }, (_, i): MonthProgress => {
    const month = i + 1;
    const c = counts.get(month) ?? { submitted: 0, accepted: 0 };
    const quota = covers(month) ? a.monthlyQuota : 0;
    if (quota && month < current) dueSoFar += quota;
    if (quota && month <= current) doneSoFar += c.submitted;
    return { month, ...c, quota, state: stateOf(month, current, quota, c.submitted) };
  });
  const here = current >= 1 && current <= 12 ? months[current - 1] : null;
  return {
    months,
    thisMonth: here?.quota ? thisMonthOf(here) : null,
    yearSubmitted: months.reduce((n, m) => n + m.submitted, 0),
    yearAccepted: months.reduce((n, m) => n + m.accepted, 0),
    dueSoFar,
    doneSoFar,
    behind: doneSoFar < dueSoFar,
  };
}
