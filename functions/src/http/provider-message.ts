import { z } from "zod";

/** Enough of a provider's words to diagnose a failure without flooding logs. */
export const MAX_PROVIDER_MESSAGE_LENGTH = 300;

/** Shorter header values are not worth redacting (and would redact ordinary words like "json"). */
const MIN_SECRET_LENGTH = 8;

const text = z.string().trim().min(1);
const withMessage = z.object({ message: text });

/**
 * The common places providers put their error text: GitHub and Linear `message`, OAuth and
 * Plane `error`, ClickUp `err`, Asana and GraphQL `errors[0].message`, Plane/DRF `detail`.
 * Each is tried in order; the first that holds text wins.
 */
const shapes: z.ZodType<string>[] = [
  z.object({ message: text }).transform((b) => b.message),
  z.object({ error: text }).transform((b) => b.error),
  z.object({ error: withMessage }).transform((b) => b.error.message),
  z.object({ err: text }).transform((b) => b.err),
  z.object({ errors: z.tuple([withMessage], z.unknown()) }).transform((b) => b.errors[0].message),
  z.object({ errors: z.tuple([text], z.unknown()) }).transform((b) => b.errors[0]),
  z.object({ detail: text }).transform((b) => b.detail),
  z.object({ error_description: text }).transform((b) => b.error_description),
];

/** The provider's own error message from a response body, or null when it holds none we recognise. */
export function extractProviderMessage(body: string, contentType: string | undefined): string | null {
  const trimmed = body.trim();
  if (trimmed === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // An HTML error page (a proxy's 502) says nothing useful; short plain text usually does.
    return contentType?.includes("html") || trimmed.startsWith("<") ? null : trimmed;
  }
  return providerMessageOf(json);
}

/** The provider's own error message from an already parsed JSON body, or null. */
export function providerMessageOf(json: unknown): string | null {
  for (const shape of shapes) {
    const found = shape.safeParse(json);
    if (found.success) return found.data;
  }
  return null;
}

/**
 * Makes text safe to put in an error: every secret (and every long word of one, so the bare token
 * of "Bearer <token>" is caught when a provider echoes it) is replaced, whitespace is collapsed,
 * and the result is trimmed to MAX_PROVIDER_MESSAGE_LENGTH characters.
 */
export function sanitizeMessage(message: string | null, secrets: readonly string[]): string | null {
  if (message === null) return null;
  let safe = message;
  for (const secret of secretFragments(secrets)) safe = safe.split(secret).join("[redacted]");
  safe = safe.replace(/\s+/g, " ").trim();
  if (safe === "") return null;
  return safe.length > MAX_PROVIDER_MESSAGE_LENGTH ? `${safe.slice(0, MAX_PROVIDER_MESSAGE_LENGTH - 1)}…` : safe;
}

function secretFragments(secrets: readonly string[]): string[] {
  const fragments = new Set<string>();
  for (const secret of secrets) {
    for (const part of [secret, ...secret.split(/\s+/)]) {
      if (part.length >= MIN_SECRET_LENGTH) fragments.add(part);
    }
  }
  // Longest first, so a whole value is replaced before a fragment of it could split it.
  return [...fragments].sort((a, b) => b.length - a.length);
}
