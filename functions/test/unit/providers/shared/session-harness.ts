import { MockAgent } from "undici";
import type { MockInterceptor } from "undici/types/mock-interceptor";
import { FakeClock } from "@taskbridge/simulators";
import type { Account, AuthKind } from "../../../../src/domain/integration";
import { HttpClient } from "../../../../src/http/client";
import type { Provider, ProviderSession, WebhookHeaders } from "../../../../src/providers/provider";

/**
 * Test wiring shared by provider tests: a ProviderSession whose HttpClient talks to an undici
 * MockAgent that refuses real connections, with a clock that never really sleeps, and a script
 * of replies that records every request it answers.
 */

export interface Seen {
  method: string;
  url: URL;
  headers: Record<string, string>;
  json: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SessionOptions {
  token?: string;
  kind?: AuthKind;
  baseUrl?: string;
  account?: Account;
}

export interface Harness {
  session: ProviderSession;
  mock: MockAgent;
  clock: FakeClock;
  /** Answers the next requests in order, recording each; an unanswered request fails the test. */
  reply(...replies: Reply[]): Seen[];
}

export function providerHarness(provider: Provider, options: SessionOptions = {}): Harness {
  const mock = new MockAgent();
  mock.disableNetConnect();
  const clock = new FakeClock();
  const baseUrl = options.baseUrl ?? provider.defaultBaseUrl;
  const http = new HttpClient({
    provider: provider.id,
    baseUrl,
    headers: provider.authHeaders(options.token ?? "test-token", options.kind ?? "oauth"),
    policy: provider.rateLimit,
    rateLimitKey: `test-${provider.id}-${Math.random()}`,
    dispatcher: mock,
    clock,
    random: () => 0.5,
    maxAttempts: 1,
  });
  const account = options.account ?? { id: "me", name: null, workspaces: [] };
  const origin = new URL(baseUrl).origin;
  const seen: Seen[] = [];
  return {
    session: { http, account },
    mock,
    clock,
    reply(...replies) {
      for (const reply of replies) {
        mock
          .get(origin)
          .intercept({ path: () => true, method: () => true })
          .reply((opts: MockInterceptor.MockResponseCallbackOptions) => {
            seen.push({
              method: opts.method,
              url: new URL(opts.path, origin),
              headers: Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
              json: typeof opts.body === "string" && opts.body !== "" ? JSON.parse(opts.body) : undefined,
            });
            const data = reply.body === undefined ? "" : JSON.stringify(reply.body);
            return {
              statusCode: reply.status ?? 200,
              data,
              responseOptions: { headers: { "content-type": "application/json", ...(reply.headers ?? {}) } },
            };
          });
      }
      return seen;
    },
  };
}

/** Collects an async iterable (listTasks) into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Webhook headers as the endpoint hands them over: looked up by lower-cased name. */
export function webhookHeaders(headers: Record<string, string>): WebhookHeaders {
  const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lowered[name.toLowerCase()] };
}
