import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../../common/app-error';
import { wallClock } from '../../common/time-zone';
import { fieldErrors } from '../../common/validation';

/**
 * How one form field travels from `application/x-www-form-urlencoded` text to the DTO:
 * - `text`: as typed ('' stays '', so "required" rules fire); `text?`: blank means "not given";
 *   `text|null`: blank means "none" (a choice that can be cleared)
 * - `secret` / `secret?`: the same, but never echoed back into the page
 * - `int`: digits become a number, blank "not given"; `int|null`: blank means "none" (clears a link)
 * - `bool`: a checkbox, ticked or not; `list` / `intList`: a group of checkboxes
 * - `datetime`: a `datetime-local` value, read in the display time zone
 * - `lines`: a textarea of one entry per line (blank lines dropped, a typed "1." or "（1）" numbering taken off)
 * - `yesno`: a pair of radios 是/否 (`yes`/`no`); neither chosen is "not given"
 * Anything that does not convert is passed on as typed, so the DTO's rule reports it in Chinese.
 */
export type FieldKind =
  | 'text'
  | 'text?'
  | 'text|null'
  | 'secret'
  | 'secret?'
  | 'int'
  | 'int|null'
  | 'bool'
  | 'list'
  | 'intList'
  | 'datetime'
  | 'lines'
  | 'yesno';
export type FormSpec = Record<string, FieldKind>;

export type FormValue = string | string[] | boolean;

/** What a form template reads: the values to show, one message per field, the error summary. */
export interface FormState {
  values: Record<string, FormValue>;
  errors: Record<string, string>;
  summary: { href: string | null; text: string }[];
}

export interface FormOptions {
  /** The IANA zone `datetime` fields are read in. */
  timeZone?: string;
  /** The field a message that names no field points at (e.g. "用户名或密码错误" → the user name). */
  generalField?: string;
  /** The form field that shows a DTO field's messages, where their names differ (`coSignerMemberIds` → `coSignerNames`). */
  aliases?: Record<string, string>;
}

export const fieldId = (name: string): string => `f-${name}`;

const asList = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === null || raw === '' ? [] : [String(raw)];
const asText = (raw: unknown): string =>
  Array.isArray(raw) ? String(raw[0] ?? '') : raw === undefined || raw === null ? '' : String(raw);
const asInt = (text: string): number | string => (/^-?\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : text);
const LINE_NUMBER = /^(\d{1,3}\s*[.．、)）]|[（(]\d{1,3}[)）])\s*/;

/** The entries of a one-per-line textarea: trimmed, numbering typed by hand taken off, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(LINE_NUMBER, '').trim())
    .filter((line) => line !== '');
}

/** `2026-11-26T14:30` on the wall clock of `timeZone` → the instant, as ISO 8601 (or the text unchanged). */
export function zonedToIso(text: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return text;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The zone's offset at that moment, found by formatting the guess back in the zone (twice, for DST edges).
  let guess = wall;
  for (let i = 0; i < 2; i++) guess += wall - wallClock(new Date(guess), timeZone).getTime();
  return new Date(guess).toISOString();
}

/** The instant as a `datetime-local` value on the wall clock of `timeZone`. */
export function isoToZoned(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(value))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Reads the fields of `spec` from a submitted body: what to show again, and the typed values for the DTO. */
export function readForm(spec: FormSpec, body: Record<string, unknown>, options: FormOptions = {}) {
  const values: Record<string, FormValue> = {};
  const data: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const raw = body[name];
    if (kind === 'bool') {
      values[name] = data[name] = asList(raw).length > 0;
    } else if (kind === 'list' || kind === 'intList') {
      const list = asList(raw);
      values[name] = list;
      data[name] = kind === 'intList' ? list.map(asInt) : list;
    } else {
      const text = asText(raw);
      values[name] = kind.startsWith('secret') ? '' : text;
      const blank = text.trim() === '';
      if (kind === 'int' || kind === 'int|null') data[name] = blank ? (kind === 'int' ? undefined : null) : asInt(text);
      else if (kind === 'lines') data[name] = linesOf(text);
      else if (kind === 'yesno') data[name] = text === 'yes' ? true : text === 'no' ? false : blank ? undefined : text;
      else if (kind === 'datetime')
        data[name] = blank ? undefined : zonedToIso(text.trim(), options.timeZone ?? 'Asia/Shanghai');
      else if (blank && kind === 'text|null') data[name] = null;
      else data[name] = blank && kind.endsWith('?') ? undefined : text;
    }
  }
  // A key set to undefined would overwrite a DTO's default (class-transformer copies it): leave it out.
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return { values, data };
}

/** The values of an empty form of `spec`: nothing typed, nothing ticked. */
export function blankValues(spec: FormSpec): Record<string, FormValue> {
  return Object.fromEntries(
    Object.entries(spec).map(([name, kind]) => [
      name,
      kind === 'bool' ? false : kind === 'list' || kind === 'intList' ? [] : '',
    ]),
  );
}

/** A form with these values and no errors (a blank form, or an edit form filled from the record). */
export function formState(values: Record<string, FormValue> = {}): FormState {
  return { values, errors: {}, summary: [] };
}

/** Puts messages on a form: each beside its field (first message) and all in the summary, in the form's order. */
export function withErrors(
  form: FormState,
  spec: FormSpec,
  fields: Record<string, string[]>,
  general: string[] = [],
  options: FormOptions = {},
): FormState {
  const errors: Record<string, string> = {};
  const summary: FormState['summary'] = [];
  const known = Object.keys(spec);
  const named = renamed(fields, options.aliases);
  for (const text of general)
    summary.push({ href: options.generalField ? `#${fieldId(options.generalField)}` : null, text });
  for (const name of [...known, ...Object.keys(named).filter((k) => !known.includes(k))]) {
    const text = named[name]?.[0];
    if (!text) continue;
    if (known.includes(name)) errors[name] = text;
    summary.push({ href: known.includes(name) ? `#${fieldId(name)}` : null, text });
  }
  return { ...form, errors, summary };
}

function renamed(
  fields: Record<string, string[]>,
  aliases: Record<string, string> | undefined,
): Record<string, string[]> {
  if (!aliases) return fields;
  const out: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(fields)) {
    const to = aliases[name] ?? name;
    out[to] = [...(out[to] ?? []), ...messages];
  }
  return out;
}

/** Validates the submitted fields with the API's DTO class, so each rule and its Chinese message live in one place. */
export async function parseForm<T extends object>(
  dto: ClassConstructor<T>,
  spec: FormSpec,
  body: Record<string, unknown>,
  options: FormOptions = {},
) {
  const { values, data } = readForm(spec, body, options);
  const instance = plainToInstance(dto, data);
  const problems = await validate(instance, {
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  const form = formState(values);
  return problems.length
    ? { ok: false as const, form: withErrors(form, spec, fieldErrors(problems), [], options) }
    : { ok: true as const, dto: instance, form };
}

/**
 * The errors a service reports about what was typed, as form errors: 400 with `details.fields`,
 * a 409 naming its `details.field` (NAME_TAKEN, USERNAME_TAKEN) or not (a stale version),
 * and the sign-in refusals (401 wrong password, 429 too many tries).
 * Anything else (403, 404, 500) is not the form's business: it is thrown on to the error page.
 */
export function formErrorFrom(err: unknown, form: FormState, spec: FormSpec, options: FormOptions = {}): FormFailure {
  if (!(err instanceof AppError) || ![400, 401, 409, 429].includes(err.statusCode)) throw err;
  const details = err.details ?? {};
  const fields = (details.fields as Record<string, string[]> | undefined) ?? {};
  const field = typeof details.field === 'string' ? details.field : null;
  if (field && !fields[field]) fields[field] = [err.message];
  const general = Object.keys(fields).length ? [] : [err.message];
  const retryAfter = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
  return { status: err.statusCode, form: withErrors(form, spec, fields, general, options), retryAfter };
}

/**
 * A form the page reads itself (fields no DTO names one by one: a section per paragraph box, a comment per clause):
 * `save` calls the service; its refusal of what was typed (see formErrorFrom) shows the form again with `values` and
 * the errors under the fields of `spec`. Resolves true when saved, for the caller's 303.
 */
export async function savedOrShownAgain(
  save: () => Promise<unknown>,
  form: { values: FormState['values']; spec: FormSpec; options?: FormOptions },
  showAgain: (failure: FormFailure) => Promise<void> | void,
): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (e) {
    await showAgain(formErrorFrom(e, formState(form.values), form.spec, form.options));
    return false;
  }
}

/** A refused form: its status, the form to show again, and for a 429 the seconds to wait. */
export interface FormFailure {
  status: number;
  form: FormState;
  retryAfter?: number;
}

export type FormOutcome<R> = { ok: true; result: R } | ({ ok: false } & FormFailure);

/** Validate with the DTO, then save through the service; either the result, or the form to show again with its errors. */
export async function submitForm<T extends object, R>(
  dto: ClassConstructor<T>,
  spec: FormSpec,
  body: Record<string, unknown>,
  save: (value: T) => Promise<R>,
  options: FormOptions = {},
): Promise<FormOutcome<R>> {
  const parsed = await parseForm(dto, spec, body, options);
  if (!parsed.ok) return { ok: false, status: 400, form: parsed.form };
  try {
    return { ok: true, result: await save(parsed.dto) };
  } catch (e) {
    return { ok: false, ...formErrorFrom(e, parsed.form, spec, options) };
  }
}

/** A list page's query string (search, page, filters) read with the API's query DTO; a bad value is a 400 page. */
export async function parseQuery<T extends object>(
  dto: ClassConstructor<T>,
  spec: FormSpec,
  query: Record<string, unknown>,
): Promise<T> {
  const parsed = await parseForm(dto, spec, query);
  if (parsed.ok) return parsed.dto;
  throw AppError.invalid(Object.fromEntries(Object.entries(parsed.form.errors).map(([k, v]) => [k, [v]])));
}
