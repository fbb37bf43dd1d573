import { Notification } from '../../src/notifications/notification.entity';
import type { ProposalSweepResult } from '../../src/proposals/proposal-deadlines.sweep';
import { Account, cast, Cast } from './accounts';
import { startTestApp, TestApp } from './test-app';

/** A moment given as Shanghai wall-clock time: `shanghai('2026-09-30T10:00')`. */
export const shanghai = (local: string): Date => new Date(`${local}:00+08:00`);

/** `ms` after `at`. */
export const plus = (at: Date, ms: number): Date => new Date(at.getTime() + ms);

/** Runs the deadlines sweep as if it were `when`, then puts the Clock back; the proposals step's counts. */
export async function sweepAt(t: TestApp, when: Date): Promise<ProposalSweepResult> {
  return (await sweepStepsAt(t, when)).proposals as ProposalSweepResult;
}

/** Runs `fn` as if it were `when` (time runs on from there), then puts the Clock back. */
export async function atTime<T>(t: TestApp, when: Date, fn: () => Promise<T>): Promise<T> {
  t.clock.set(when);
  try {
    return await fn();
  } finally {
    t.clock.reset();
  }
}

/** Runs the deadlines sweep as if it were `when`, then puts the Clock back; every step's counts by step. */
export async function sweepStepsAt(t: TestApp, when: Date): Promise<Record<string, unknown>> {
  return atTime(t, when, async () => (await t.jobs.runNow('deadlines', 'sweep')) as Record<string, unknown>);
}

/** The kinds of the messages `who` has about proposal `id`, oldest first. */
export async function noticesOf(t: TestApp, who: Account, id: number): Promise<string[]> {
  return (await messagesOf(t, who, id)).map((n) => n.kind);
}

export function messagesOf(t: TestApp, who: Account, id: number): Promise<Notification[]> {
  return t.ds
    .getRepository(Notification)
    .find({ where: { userId: who.userId, link: `/proposals/${id}` }, order: { id: 'ASC' } });
}

/** The in-process sweep timer would sweep at whatever time a test set the Clock to: once a day is out of the way. */
export const QUIET_SWEEPS = { XS_SWEEP_MINUTES: String(24 * 60) };

/** An app of its own, without background sweeps, and the people of a proposal: `beforeAll(async () => ({ t, c } = await appWithCast()))`. */
export async function appWithCast(env: Record<string, string> = {}): Promise<{ t: TestApp; c: Cast }> {
  const t = await startTestApp({ ...QUIET_SWEEPS, ...env });
  return { t, c: await cast(t) };
}
