import { z } from "zod";

/**
 * An ISO 8601 timestamp with a zone ("2020-01-23T12:53:18.084Z", "2024-05-01T10:00:00+02:00"),
 * as a Date. Strict on the format: a provider that starts sending something else should fail
 * validation loudly rather than be read as an Invalid Date.
 */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * A calendar day without a time ("2024-05-01": Linear's TimelessDate, Asana's due_on) as midnight
 * UTC of that day (the convention calendar-date.ts follows too), so every provider's due dates
 * compare alike. z.iso.date() already rejects days that do not exist ("2021-02-29").
 */
export const IsoDateSchema = z.iso.date().transform((value) => new Date(`${value}T00:00:00.000Z`));

/** A midnight-UTC Date back to the "YYYY-MM-DD" a provider's date-only field expects. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
