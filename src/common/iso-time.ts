/** A time as the API writes it in a view: ISO 8601 in UTC with milliseconds (`2026-06-18T00:30:00.000Z`), or null. */
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
