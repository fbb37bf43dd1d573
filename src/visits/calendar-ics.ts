import ical, { ICalCalendar, ICalEventStatus, ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { wallClock } from '../common/time-zone';

/*
 * A member's calendar feed as iCalendar (RFC 5545), written by ical-generator. Times carry
 * TZID of the display zone with its VTIMEZONE; a zone with daylight saving (which a one-rule
 * VTIMEZONE cannot describe) falls back to UTC times, which every client reads alike. Each event's
 * UID is its record's (`visit-12@xieshang`), so an update replaces the event in the subscriber's
 * calendar; SEQUENCE is the record's version; a cancelled visit stays in the feed as STATUS:CANCELLED
 * so calendars remove it rather than keep a stale copy.
 */

export interface CalendarEntry {
  uid: string;
  /** Grows with every change of the record. */
  sequence: number;
  summary: string;
  description: string;
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  updatedAt: Date;
}

/** The zone's offset in minutes when it is the same all year (Asia/Shanghai: 480), else null. */
export function fixedOffsetMinutes(timeZone: string, year = new Date().getUTCFullYear()): number | null {
  const offset = (at: Date) => Math.round((wallClock(at, timeZone).getTime() - at.getTime()) / 60_000);
  const [jan, jul] = [offset(new Date(Date.UTC(year, 0, 15))), offset(new Date(Date.UTC(year, 6, 15)))];
  return jan === jul ? jan : null;
}

/** A VTIMEZONE with one STANDARD rule, for a zone without daylight saving. */
export function vtimezone(timeZone: string, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${hhmm}`,
    `TZOFFSETTO:${hhmm}`,
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

/**
 * `at` as a Temporal-style zoned date-time, which ical-generator writes as the wall clock of
 * `timeZone` whatever the server's own zone (a native Date would be written in the process's zone).
 */
export function zoned(at: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const w = wallClock(at, timeZone);
  const text = `${w.toISOString().slice(0, 19)}[${timeZone}]`;
  const fields = {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
  };
  const plain = {
    ...fields,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => ({
      year: fields.year,
      month: fields.month,
      day: fields.day,
      toJSON: () => text.slice(0, 10),
      toString: () => text.slice(0, 10),
    }),
    toZonedDateTime: (tz: string) => zoned(at, tz),
  };
  return {
    ...fields,
    timeZoneId: timeZone,
    toJSON: () => text,
    toString: () => text,
    toPlainDateTime: () => plain,
    withTimeZone: (tz: string) => zoned(at, tz),
    toInstant: () => ({
      epochMilliseconds: at.getTime(),
      toJSON: () => at.toISOString(),
      toString: () => at.toISOString(),
      toZonedDateTimeISO: (tz: string) => zoned(at, tz),
    }),
  };
}

export function buildCalendar(name: string, timeZone: string, entries: CalendarEntry[]): ICalCalendar {
  const offset = fixedOffsetMinutes(timeZone);
  const zone = offset === null ? null : timeZone;
  const cal = ical({
    name,
    prodId: { company: 'Xieshang', product: 'xieshang-calendar', language: 'ZH' },
    // name null: DTSTAMP stays in UTC; the generator adds the VTIMEZONE of the events' zone.
    timezone: { name: null, generator: (tz) => (tz === zone && offset !== null ? vtimezone(tz, offset) : null) },
    ttl: 3600,
  });
  if (zone) cal.x('X-WR-TIMEZONE', zone);
  for (const e of entries) {
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.updatedAt,
      lastModified: e.updatedAt,
      start: zone ? zoned(e.startsAt, zone) : e.startsAt,
      end: zone ? zoned(e.endsAt, zone) : e.endsAt,
      timezone: zone,
      summary: e.summary,
      description: e.description,
      location: e.location,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal;
}
