/*
 * Replays a recording through a provider: an undici MockAgent that refuses real connections
 * answers each request with the next recorded response, after checking the request is the one
 * recorded (method, origin, path, and every recorded query parameter).
 */
import { isDeepStrictEqual } from "node:util";
import { MockAgent } from "undici";
import type { MockInterceptor } from "undici/types/mock-interceptor";
import { HttpClient } from "../../src/http/client";
import { providerFor } from "../../src/providers/registry";
import type { ProviderSession } from "../../src/providers/provider";
import type { TaskDraft } from "../../src/domain/task";
import type { Exchange, Recording } from "./recording";

let replays = 0;

export interface Replay {
  tasks: TaskDraft[];
  /** Requests that did not match the recording, or recorded exchanges never asked for. */
  mismatches: string[];
}

/** What one request must match: method, origin + path, each recorded query parameter and each recorded top-level body field. */
function mismatch(exchange: Exchange, index: number, method: string, actual: URL, body: unknown): string | null {
  const recorded = new URL(exchange.request.url);
  if (method !== exchange.request.method || actual.origin + actual.pathname !== recorded.origin + recorded.pathname) {
    return `request ${index + 1}: sent ${method} ${actual.origin}${actual.pathname}, recorded ${exchange.request.method} ${recorded.origin}${recorded.pathname}`;
  }
  for (const [name, value] of recorded.searchParams) {
    if (actual.searchParams.get(name) !== value) return `request ${index + 1}: query ${name}=${actual.searchParams.get(name) ?? "(absent)"}, recorded ${value}`;
  }
  const recordedBody = exchange.request.body;
  if (recordedBody !== null && typeof recordedBody === "object" && !Array.isArray(recordedBody)) {
    const sent = (body ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(recordedBody)) {
      if (!isDeepStrictEqual(sent[key], value)) return `request ${index + 1}: body.${key} is ${JSON.stringify(sent[key])}, recorded ${JSON.stringify(value)}`;
    }
  }
  return null;
}

export async function replayListTasks(recording: Recording): Promise<Replay> {
  const provider = providerFor(recording.provider);
  const baseUrl = recording.baseUrl ?? provider.defaultBaseUrl;
  const mock = new MockAgent();
  mock.disableNetConnect();
  const mismatches: string[] = [];
  let next = 0;
  for (const origin of new Set(recording.exchanges.map((x) => new URL(x.request.url).origin))) {
    mock
      .get(origin)
      .intercept({ path: () => true, method: () => true })
      .reply((opts: MockInterceptor.MockResponseCallbackOptions) => {
        const exchange = recording.exchanges[next];
        const index = next;
        next += 1;
        const url = new URL(opts.path, origin);
        if (!exchange) {
          mismatches.push(`request ${index + 1}: ${opts.method} ${url.href} was not recorded`);
          return { statusCode: 599, data: "" };
        }
        const problem = mismatch(exchange, index, opts.method, url, typeof opts.body === "string" ? safeJson(opts.body) : undefined);
        if (problem) mismatches.push(problem);
        const body = exchange.response.body;
        return { statusCode: exchange.response.status, data: body === null ? "" : JSON.stringify(body), responseOptions: { headers: { "content-type": "application/json", ...exchange.response.headers } } };
      })
      .persist();
  }
  replays += 1;
  const http = new HttpClient({
    provider: provider.id,
    baseUrl,
    // The credential is scrubbed from the recording; the replay sends a placeholder of the same kind.
    headers: provider.authHeaders("replayed-credential", "personal"),
    policy: provider.rateLimit,
    rateLimitKey: `replay-${recording.provider}-${replays}`,
    dispatcher: mock,
    maxAttempts: 1,
    clock: { now: () => Date.now(), sleep: async () => undefined },
  });
  const session: ProviderSession = { http, account: recording.account };
  const tasks: TaskDraft[] = [];
  try {
    const since = recording.since === null ? null : new Date(recording.since);
    for await (const page of provider.listTasks(session, recording.project, { since, checkpoint: null })) tasks.push(...page.tasks);
  } finally {
    await mock.close();
  }
  if (next < recording.exchanges.length) mismatches.push(`${recording.exchanges.length - next} recorded exchange(s) never requested`);
  return { tasks, mismatches };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
