import type { FormSpec } from '../kit/forms';

/**
 * 承诺事项 rows of the reply form, without JavaScript: three fixed rows of text and due day (`commitment1Text`,
 * `commitment1Due` …). A row left empty is ignored; a half-filled one goes to the service, which names what is
 * missing (第 N 项).
 */
export const COMMITMENT_ROWS = 3;

export const COMMITMENT_FIELDS: FormSpec = Object.fromEntries(
  Array.from({ length: COMMITMENT_ROWS }, (_, i) => [
    [`commitment${i + 1}Text`, 'text?'],
    [`commitment${i + 1}Due`, 'text?'],
  ]).flat(),
);

const textOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The rows that were filled in, in order, as the API's `commitments`. */
export function commitmentRows(body: Record<string, unknown>): { text: string; dueDate: string }[] {
  return Array.from({ length: COMMITMENT_ROWS }, (_, i) => ({
    text: textOf(body[`commitment${i + 1}Text`]),
    dueDate: textOf(body[`commitment${i + 1}Due`]),
  })).filter((r) => r.text || r.dueDate);
}

/** The rows for the template: their field names, numbered from 1. */
export const COMMITMENT_ROW_FIELDS = Array.from({ length: COMMITMENT_ROWS }, (_, i) => ({
  n: i + 1,
  text: `commitment${i + 1}Text`,
  due: `commitment${i + 1}Due`,
}));
