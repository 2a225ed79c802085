/*
 * A recorded HTTP interaction with a provider: the requests one `listTasks` pass sends and the
 * answers it got, in order, with what the pass must produce. Format and scrub rule: README.md
 * beside this file. The loader refuses a recording that still holds a secret.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROVIDER_IDS } from "../../src/domain/provider-id";

/** The only value a credential-bearing header or field may have in a recording. */
export const SCRUBBED = "[scrubbed]";

const headers = z.record(z.string(), z.string());

const ExchangeSchema = z.object({
  request: z.object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    url: z.string().url(),
    headers: headers.default({}),
    body: z.unknown().default(null),
  }),
  response: z.object({
    status: z.number().int().min(100).max(599),
    headers: headers.default({}),
    body: z.unknown().default(null),
  }),
});

const ExpectedTaskSchema = z
  .object({ externalId: z.string() })
  .catchall(z.unknown())
  .describe("fields of the TaskDraft the pass must produce (dates as ISO strings)");

export const RecordingSchema = z.object({
  provider: z.enum(PROVIDER_IDS),
  /** Where the exchanges came from: the documented example, or "my account, <date>". */
  source: z.string().min(1),
  /** The project `listTasks` runs on, as `listProjects` gave it. */
  project: z.object({ externalId: z.string(), name: z.string(), url: z.string().nullable(), providerRef: z.string() }),
  /** The account the credential acts for (Plane and ClickUp scope requests by its workspaces). */
  account: z.object({ id: z.string(), name: z.string().nullable(), workspaces: z.array(z.string()) }),
  baseUrl: z.string().url().optional(),
  /** An incremental pass when set (ISO time), else a full pass. */
  since: z.string().datetime().nullable().default(null),
  exchanges: z.array(ExchangeSchema).min(1),
  /** Optional: each task the pass must yield, in order. Without it the check is that every task normalizes. */
  expect: z.object({ tasks: z.array(ExpectedTaskSchema) }).optional(),
});
export type Recording = z.infer<typeof RecordingSchema>;
export type Exchange = Recording["exchanges"][number];

/** Header names whose values are credentials or signatures, in any casing. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-hook-secret)$|token|secret|signature|api[-_]?key/i;
/** JSON keys whose values are credentials. */
const SECRET_KEY = /^(access_token|refresh_token|id_token|client_secret|secret|password|api_key|apikey|token)$/i;
/** Credential shapes of the five providers and generic bearer tokens, anywhere in a URL or body. */
const SECRET_VALUE =
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|pk_\d+_[A-Z0-9]{20,}|lin_(api|oauth)_[A-Za-z0-9]{20,}|plane_api_[A-Za-z0-9]{16,}|[0-9]\/[0-9a-f]{32}|Bearer\s+[A-Za-z0-9._~+/-]{8,})/;

/**
 * The scrub rule: every credential-bearing header (request or response) is exactly "[scrubbed]",
 * every credential-named JSON key holds "[scrubbed]" (or null), and no URL, header or body
 * anywhere carries a string shaped like a token of one of the providers. Returns the breaches.
 */
export function scrubBreaches(recording: Recording): string[] {
  const breaches: string[] = [];
  recording.exchanges.forEach((exchange, i) => {
    const at = `exchanges[${i}]`;
    for (const [side, h] of [["request", exchange.request.headers], ["response", exchange.response.headers]] as const) {
      for (const [name, value] of Object.entries(h)) {
        if (SECRET_HEADER.test(name) && value !== SCRUBBED) breaches.push(`${at}.${side}.headers.${name} is not "${SCRUBBED}"`);
        else if (SECRET_VALUE.test(value)) breaches.push(`${at}.${side}.headers.${name} holds a token-shaped value`);
      }
    }
    if (SECRET_VALUE.test(exchange.request.url)) breaches.push(`${at}.request.url holds a token-shaped value`);
    walk(exchange.request.body, `${at}.request.body`, breaches);
    walk(exchange.response.body, `${at}.response.body`, breaches);
  });
  return breaches;
}

function walk(value: unknown, at: string, breaches: string[]): void {
  if (typeof value === "string") {
    if (SECRET_VALUE.test(value)) breaches.push(`${at} holds a token-shaped value`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${at}[${i}]`, breaches));
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key) && inner !== SCRUBBED && inner !== null) breaches.push(`${at}.${key} is not "${SCRUBBED}"`);
      else walk(inner, `${at}.${key}`, breaches);
    }
  }
}

/** Parses and scrub-checks one recording; the error names the file and every problem. */
export function parseRecording(text: string, file: string): Recording {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = RecordingSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file}: not a recording: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  const breaches = scrubBreaches(parsed.data);
  if (breaches.length > 0) throw new Error(`${file}: refused, secrets not scrubbed: ${breaches.join("; ")}`);
  return parsed.data;
}

export const RECORDINGS_DIR = __dirname;

/** Every recording under functions/test/recordings/<provider>/*.json, with its path relative to that folder. */
export function loadRecordings(dir = RECORDINGS_DIR): Array<{ file: string; recording: Recording }> {
  const out: Array<{ file: string; recording: Recording }> = [];
  for (const provider of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(dir, provider.name)).filter((n) => n.endsWith(".json")).sort()) {
      const file = `${provider.name}/${name}`;
      const recording = parseRecording(readFileSync(join(dir, file), "utf8"), file);
      if (recording.provider !== provider.name) throw new Error(`${file}: says provider "${recording.provider}" but sits in ${provider.name}/`);
      out.push({ file, recording });
    }
  }
  return out;
}
