import { MockAgent } from "undici";
import { HttpClient, resetRateLimitStates } from "../../../../src/http/client";
import { githubProvider } from "../../../../src/providers/github";
import type { ProviderSession } from "../../../../src/providers/provider";
import { FakeClock } from "@taskbridge/simulators";

export const GITHUB = "https://api.github.com";
export const TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

export interface GitHubHarness {
  mock: MockAgent;
  clock: FakeClock;
  session: ProviderSession;
}

/** A GitHub session on a MockAgent that refuses real connections, with a clock that never sleeps. */
export function githubHarness(baseUrl = GITHUB, kind: "personal" | "oauth" = "personal"): GitHubHarness {
  resetRateLimitStates();
  const mock = new MockAgent();
  mock.disableNetConnect();
  const clock = new FakeClock();
  const http = new HttpClient({
    provider: "github",
    baseUrl,
    headers: githubProvider.authHeaders(TOKEN, kind),
    policy: githubProvider.rateLimit,
    rateLimitKey: "integration-github",
    dispatcher: mock,
    clock,
    random: () => 0.5,
  });
  return { mock, clock, session: { http, account: { id: "21031067", name: "Codertocat", workspaces: [] } } };
}
