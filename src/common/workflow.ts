/*
 * What the pure workflow modules (proposal-workflow, topic-workflow) share: the shape of a refusal
 * and the small checks their guards are made of. No Nest, no TypeORM, like the workflows themselves.
 */

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

/** No text, or only spaces. */
export const blank = (s: string | null | undefined): boolean => !s || !s.trim();

export const DAY_MS = 86_400_000;
