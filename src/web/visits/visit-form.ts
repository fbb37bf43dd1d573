import { OmitType } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { Matches, validate } from 'class-validator';
import { AppError } from '../../common/app-error';
import { fieldErrors } from '../../common/validation';
import { ConflictView } from '../../visits/dto/visit-view.dto';
import { CreateVisitDto, UpdateVisitDto } from '../../visits/dto/visit.dto';
import { FormSpec, FormState, formState, isoToZoned, readForm, withErrors, zonedToIso } from '../kit/forms';

/*
 * The planner's form: the visit's fields, an itinerary of rows (time, place, contact, what to see),
 * the people picked, and units' people by name. Rows travel as repeated fields (`stopAt`, `stopPlace` …),
 * blank rows are dropped and the rest put in time order before the service sees them, so the row a
 * message names is the row shown again.
 */

/** The create form: the organiser is one select (`committee:2`), the rest as the API takes it. */
export class VisitForm extends OmitType(CreateVisitDto, ['organizer'] as const) {
  @Matches(/^(committee|sector):\d{1,10}$/, { message: '请选择组织方' })
  organizer!: string;
}

export const NEW_VISIT: FormSpec = {
  kind: 'text',
  title: 'text',
  purpose: 'text',
  organizer: 'text',
  startsAt: 'datetime',
  endsAt: 'datetime',
  participantMemberIds: 'intList',
  participantUserIds: 'intList',
  allowConflicts: 'bool',
};

export const EDIT_VISIT: FormSpec = {
  title: 'text',
  purpose: 'text',
  startsAt: 'datetime',
  endsAt: 'datetime',
  allowConflicts: 'bool',
  version: 'int',
};

export const INVITE: FormSpec = {
  participantMemberIds: 'intList',
  participantUserIds: 'intList',
  allowConflicts: 'bool',
  version: 'int',
};

/** The itinerary rows the form shows at least, and the units' people rows. */
const MIN_STOP_ROWS = 3;
const MIN_UNIT_ROWS = 2;

export interface StopRow {
  at: string;
  place: string;
  contact: string;
  purpose: string;
  /** The row's messages (time, place …), first one each. */
  errors: string[];
}

export interface UnitRow {
  unitId: string;
  name: string;
  errors: string[];
}

/** What the planner's template reads besides the form: the rows and, after a 409, each person's conflicts. */
export interface PlannerState {
  form: FormState;
  stops: StopRow[];
  unitPeople: UnitRow[];
  conflicts: ConflictView[];
}

const asList = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === null ? [] : [String(raw)];
const column = (body: Record<string, unknown>, name: string, n: number) => {
  const list = asList(body[name]);
  return Array.from({ length: n }, (_, i) => (list[i] ?? '').trim());
};

/** The itinerary rows as typed, blank ones dropped, in time order (rows without a readable time last, as typed). */
export function stopRowsOf(body: Record<string, unknown>, timeZone: string): StopRow[] {
  const n = Math.max(...['stopAt', 'stopPlace', 'stopContact', 'stopPurpose'].map((k) => asList(body[k]).length), 0);
  const [at, place, contact, purpose] = ['stopAt', 'stopPlace', 'stopContact', 'stopPurpose'].map((k) =>
    column(body, k, Math.min(n, 50)),
  );
  const rows = at
    .map((_, i) => ({ at: at[i], place: place[i], contact: contact[i], purpose: purpose[i], errors: [] as string[] }))
    .filter((r) => r.at || r.place || r.contact || r.purpose);
  const time = (r: StopRow) => Date.parse(zonedToIso(r.at, timeZone));
  return rows
    .map((r, i) => ({ r, i, t: time(r) }))
    .sort((a, b) =>
      Number.isNaN(a.t) ? (Number.isNaN(b.t) ? a.i - b.i : 1) : Number.isNaN(b.t) ? -1 : a.t - b.t || a.i - b.i,
    )
    .map((x) => x.r);
}

function unitRowsOf(body: Record<string, unknown>): UnitRow[] {
  const n = Math.min(Math.max(asList(body.unitPersonUnit).length, asList(body.unitPersonName).length), 100);
  const [unitId, name] = ['unitPersonUnit', 'unitPersonName'].map((k) => column(body, k, n));
  return unitId
    .map((_, i) => ({ unitId: unitId[i], name: name[i], errors: [] as string[] }))
    .filter((r) => r.unitId || r.name);
}

const stopsFor = (rows: StopRow[], timeZone: string) =>
  rows.map((r) => ({
    at: r.at ? zonedToIso(r.at, timeZone) : '',
    place: r.place,
    ...(r.contact ? { contact: r.contact } : {}),
    ...(r.purpose ? { purpose: r.purpose } : {}),
  }));

/** Rows padded with blank ones to the form's minimum, plus `extra` (增加一行). */
export function padded<T>(rows: T[], min: number, blank: () => T, extra = 0): T[] {
  const n = Math.max(min, rows.length + 1) + extra;
  return [...rows, ...Array.from({ length: n - rows.length }, blank)];
}

export const blankStop = (): StopRow => ({ at: '', place: '', contact: '', purpose: '', errors: [] });
export const blankUnitRow = (): UnitRow => ({ unitId: '', name: '', errors: [] });

/** The rows to show: those typed, then blank ones; one more when 增加一行 was pressed. */
export function shownRows(
  state: Omit<PlannerState, 'form' | 'conflicts'>,
  body: Record<string, unknown> = {},
): Pick<PlannerState, 'stops' | 'unitPeople'> {
  return {
    stops: padded(state.stops, MIN_STOP_ROWS, blankStop, body.addStop !== undefined ? 1 : 0),
    unitPeople: padded(state.unitPeople, MIN_UNIT_ROWS, blankUnitRow, body.addUnitPerson !== undefined ? 1 : 0),
  };
}

/** Reads the planner (create or edit) into the form state and the data for the DTO. */
export function readPlanner(spec: FormSpec, body: Record<string, unknown>, timeZone: string) {
  const { values, data } = readForm(spec, body, { timeZone });
  const stops = stopRowsOf(body, timeZone);
  const unitPeople = unitRowsOf(body);
  data.stops = stopsFor(stops, timeZone);
  if ('participantMemberIds' in spec)
    data.invitedUnitPeople = unitPeople.map((r) => ({
      unitId: /^\d{1,10}$/.test(r.unitId) ? Number(r.unitId) : r.unitId,
      name: r.name,
    }));
  return { form: formState(values), stops, unitPeople, data };
}

/** Puts field messages on the form and on the rows they name (`stops.1.at`, `invitedUnitPeople.0.name`). */
export function plannerWithErrors(
  state: Omit<PlannerState, 'conflicts'>,
  spec: FormSpec,
  fields: Record<string, string[]>,
  general: string[] = [],
): Omit<PlannerState, 'conflicts'> {
  const rowMessage = (prefix: string, i: number) =>
    Object.entries(fields)
      .filter(([k]) => k.startsWith(`${prefix}.${i}.`) || k === `${prefix}.${i}`)
      .map(([, m]) => m[0]);
  return {
    form: withErrors(state.form, spec, fields, general),
    stops: state.stops.map((r, i) => ({ ...r, errors: rowMessage('stops', i) })),
    unitPeople: state.unitPeople.map((r, i) => ({ ...r, errors: rowMessage('invitedUnitPeople', i) })),
  };
}

/** Validates with `dto`: the instance, or the planner with its messages. */
export async function validatePlanner<T extends object>(
  dto: new () => T,
  spec: FormSpec,
  state: ReturnType<typeof readPlanner>,
) {
  const instance = plainToInstance(dto, state.data);
  const problems = await validate(instance, {
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  if (!problems.length) return { ok: true as const, dto: instance };
  return { ok: false as const, planner: plannerWithErrors(state, spec, fieldErrors(problems)) };
}

/** A service's refusal as the planner's messages; a 409 VISIT_CONFLICTS also gives each person's conflicts. 403/404/500 go on to the error page. */
export function plannerFailure(
  err: unknown,
  state: Omit<PlannerState, 'conflicts'>,
  spec: FormSpec,
): { status: number; planner: PlannerState } {
  if (!(err instanceof AppError) || ![400, 409].includes(err.statusCode)) throw err;
  const fields = (err.details?.fields as Record<string, string[]> | undefined) ?? {};
  const field = typeof err.details?.field === 'string' ? err.details.field : null;
  if (field && !fields[field]) fields[field] = [err.message];
  const conflicts =
    err.code === 'VISIT_CONFLICTS' ? ((err.details?.conflicts as ConflictView[] | undefined) ?? []) : [];
  return {
    status: err.statusCode,
    planner: { ...plannerWithErrors(state, spec, fields, Object.keys(fields).length ? [] : [err.message]), conflicts },
  };
}

/** The edit form filled from the visit. */
export function editValues(
  v: {
    title: string;
    purpose: string;
    startsAt: string;
    endsAt: string;
    version: number;
    stops: { at: string; place: string; contact: string | null; purpose: string | null }[];
  },
  timeZone: string,
) {
  return {
    form: formState({
      title: v.title,
      purpose: v.purpose,
      startsAt: isoToZoned(v.startsAt, timeZone),
      endsAt: isoToZoned(v.endsAt, timeZone),
      allowConflicts: false,
      version: String(v.version),
    }),
    stops: v.stops.map((s) => ({
      at: isoToZoned(s.at, timeZone),
      place: s.place,
      contact: s.contact ?? '',
      purpose: s.purpose ?? '',
      errors: [],
    })),
    unitPeople: [] as UnitRow[],
  };
}

export { UpdateVisitDto };
