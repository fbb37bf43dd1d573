import type { YearRange } from '../common/time-zone';
import type { RuleKey, RuleSet } from './record-rules';

/** The record a points line comes from; pages link it (`/proposals/:id`; a meeting or outcome by its topic). */
export interface SourceRef {
  type: 'proposal' | 'meeting' | 'outcome' | 'visit' | 'opinion';
  id: number;
  title: string;
  /** When it happened: 立案, the meeting's start, the outcome's closing. */
  at: Date | null;
  /** For a meeting or an outcome: its topic. */
  topicId?: number;
}

/** One thing a member did (or failed to do) that a rule scores: the line before its points are looked up. */
export interface RecordEvent {
  kind: RuleKey;
  label: string;
  source: SourceRef;
}

/**
 * Counters of one member's year by name: every `RuleKey` a source scores (so points = Σ counter × rule),
 * plus what it only counts (`proposalsLed`, `meetingsInvited` …).
 */
export type Counters = Partial<Record<string, number>>;

/**
 * One module's share of the duty record 履职档案: proposals, meetings (with speeches and outcomes), and
 * field visits when that module lands (one more provider in RECORD_SOURCES, nothing else changes).
 * `events` lists one member's lines; `counts` gives the same facts as counters for many members at once
 * (grouped queries, for the ranking, the export and the dashboard). Both read the records as they are now:
 * nothing is stored, so a rules change or a late correction shows at the next read.
 */
export interface RecordSource {
  readonly name: string;
  events(memberId: number, range: YearRange, rules: RuleSet): Promise<RecordEvent[]>;
  /** Counters by member id; `memberIds` null means every member with any. */
  counts(range: YearRange, rules: RuleSet, memberIds: number[] | null): Promise<Map<number, Counters>>;
}

export const RECORD_SOURCES = Symbol('RECORD_SOURCES');

/** Adds grouped rows `{memberId, <counter>: n …}` into `into`. */
export function addCounts(
  into: Map<number, Counters>,
  rows: Array<Record<string, unknown>>,
  names: readonly string[],
): void {
  for (const row of rows) {
    const id = Number(row.memberId);
    const counters = into.get(id) ?? {};
    for (const name of names) counters[name] = (counters[name] ?? 0) + Number(row[name] ?? 0);
    into.set(id, counters);
  }
}
