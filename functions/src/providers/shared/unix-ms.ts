import { z } from "zod";

/**
 * A Unix timestamp in milliseconds, as ClickUp sends them: usually a digit string
 * ("1567780450202"), sometimes a number. Becomes a Date. Anything else fails validation, so a
 * malformed value is noticed instead of stored as the epoch or an Invalid Date.
 */
export const UnixMsSchema = z
  .union([z.string().regex(/^\d+$/, "is not Unix milliseconds"), z.number().int().nonnegative()])
  .transform((value) => new Date(Number(value)));
