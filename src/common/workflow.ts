/*
 * What the pure workflow modules (proposal-, topic-, draft-, visit-workflow, plan-rules) share: the shape
 * of a refusal, the small checks their guards are made of, and how a refusal becomes the API's error.
 * No Nest, no TypeORM, like the workflows themselves.
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

/** No text, or only spaces. */
export const blank = (s: string | null | undefined): boolean => !s || !s.trim();

export const DAY_MS = 86_400_000;
