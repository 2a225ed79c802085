import type { z } from "zod";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A document or payload that does not match its schema. Names where and what; never echoes the values. */
export class ValidationError extends Error {
  constructor(
    readonly where: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${where}: ${problems.map((p) => `${p.field || "(root)"}: ${p.message}`).join("; ")}`);
    this.name = "ValidationError";
  }

  static fromZod(where: string, error: z.ZodError): ValidationError {
    return new ValidationError(
      where,
      error.issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message })),
    );
  }
}

/** Parses with a schema and turns a failure into a ValidationError that names `where`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationError.fromZod(where, result.error);
  return result.data;
}
