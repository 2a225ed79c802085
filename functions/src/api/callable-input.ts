import { HttpsError } from "firebase-functions/https";
import type { z } from "zod";

/** Validates callable data; a mismatch is an invalid-argument error naming the fields. */
export function parseCallableData<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "data"}: ${issue.message}`).join("; ");
    throw new HttpsError("invalid-argument", `Invalid request: ${problems}`);
  }
  return result.data;
}
