/*
 * What the pure workflow modules (proposal-, topic-, draft-, visit-workflow, plan-rules) share: the shape
 * of a refusal, the transition table, the small checks their guards are made of, and how a refusal
 * becomes the API's error. No Nest, no TypeORM, like the workflows themselves.
 *
 * One vocabulary: `decide(status, action, facts)` for a step that moves the state (the state it leads
 * to, or why not), `check(status, step, facts)` for a step that keeps it (null, or why not), and
 * `actionsFrom(status)` for the buttons a page may show.
 */

import { AppError } from './app-error';

/** Why a step may not be taken: 409 wrong state, 403 wrong person, 400 bad input. */
export interface Refusal {
  ok: false;
  status: 400 | 403 | 409;
  code: string;
  message: string;
}

export const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({
  ok: false,
  status,
  code,
  message,
});

/** A refusal as the API's error: the same status, code and message. */
export const refusalError = (r: Refusal): AppError => new AppError(r.status, r.code, r.message);

/**
 * The services' one way to obey a workflow: a decision (`decide`) comes back when it allows the step,
 * and a check (`null` when allowed) passes; a refusal is thrown as the API's error.
 */
export function assertAllowed<D extends { ok: true }>(decision: D | Refusal): D;
export function assertAllowed(check: Refusal | null): void;
export function assertAllowed<D extends { ok: true }>(result: D | Refusal | null): D | void {
  if (result && !result.ok) throw refusalError(result);
  return result ?? undefined;
}

/** One arrow of a transition table: the states an action leaves from, and the rest of its guard. */
export interface Arrow<S extends string, F, D extends { ok: true }> {
  from: readonly S[];
  /** The refusal, or what the action leads to; `status` is where it starts. */
  decide: (facts: F, status: S) => D | Refusal;
}

/**
 * The `decide` and `actionsFrom` of a transition table: the state is checked first (`wrongState`, a 409),
 * then the arrow's own guard; `actionsFrom` lists, in `actions` order, those a state allows.
 */
export function transitions<S extends string, A extends string, F, D extends { ok: true }>(
  actions: readonly A[],
  arrows: Record<A, Arrow<S, F, D>>,
  wrongState: (status: S, action: A) => Refusal,
) {
  return {
    decide: (status: S, action: A, facts: F): D | Refusal =>
      arrows[action].from.includes(status) ? arrows[action].decide(facts, status) : wrongState(status, action),
    actionsFrom: (status: S): A[] => actions.filter((a) => arrows[a].from.includes(status)),
  };
}

/** No text, or only spaces. */
export const blank = (s: string | null | undefined): boolean => !s || !s.trim();

export const DAY_MS = 86_400_000;
