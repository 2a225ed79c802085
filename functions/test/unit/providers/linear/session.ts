import { MockAgent } from "undici";
import type { AuthKind } from "../../../../src/domain/integration";
import { HttpClient } from "../../../../src/http/client";
import { linearProvider } from "../../../../src/providers/linear";
import type { ProjectInfo, ProviderSession } from "../../../../src/providers/provider";
import { FakeClock } from "@taskbridge/simulators";
import { script, type Reply, type Seen } from "../../http/helpers";
import { fixture } from "./fixtures";

export const LINEAR_API = "https://api.linear.app";
export const API_KEY = "lin_api_0123456789abcdefghijklmnopqrstuvwxyzABCD";

export const TEAM: ProjectInfo = {
  externalId: "72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
  name: "Linear",
  url: "https://linear.app/linear/team/LIN/all",
  providerRef: "72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
};

let sessions = 0;

export interface LinearHarness {
  mock: MockAgent;
  clock: FakeClock;
  session: ProviderSession;
  /** Queues answers for the next requests, in order, and records what was sent. */
  answer(...replies: Reply[]): Seen[];
}

/** A session whose HttpClient talks to a MockAgent that refuses real connections, on a fake clock. */
export function linearHarness(token = API_KEY, kind: AuthKind = "personal"): LinearHarness {
  const mock = new MockAgent();
  mock.disableNetConnect();
  const clock = new FakeClock();
  sessions += 1;
  const http = new HttpClient({
    provider: linearProvider.id,
    baseUrl: linearProvider.defaultBaseUrl,
    headers: linearProvider.authHeaders(token, kind),
    policy: linearProvider.rateLimit,
    // Rate-limit state is kept per credential for the whole process: one key per test session.
    rateLimitKey: `linear-test-${sessions}`,
    dispatcher: mock,
    clock,
    random: () => 0.5,
  });
  return {
    mock,
    clock,
    session: { http, account: { id: "aacdca22-6266-4c0a-ab3c-8fa70a26765c", name: "Any User", workspaces: ["1e9ef7b2-8e2a-4c51-a1ab-46f3d7c3ef5e"] } },
    answer: (...replies) => script(mock, LINEAR_API, replies),
  };
}

/** HTTP 200 with a fixture as the body, and a healthy rate-limit budget. */
export function ok(name: string): Reply {
  return { status: 200, body: fixture(name), headers: { "x-ratelimit-requests-remaining": "4990", "x-ratelimit-requests-limit": "5000" } };
}

export interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
}

export function graphqlBody(seen: Seen | undefined): GraphqlBody {
  if (seen?.body === undefined) throw new Error("no request body was recorded");
  return JSON.parse(seen.body) as GraphqlBody;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
