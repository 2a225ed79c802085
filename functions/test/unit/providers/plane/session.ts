import { FakeClock, fixturesOf } from "@taskbridge/simulators";
import { MockAgent } from "undici";
import { HttpClient, resetRateLimitStates } from "../../../../src/http/client";
import type { AuthKind } from "../../../../src/domain/integration";
import { planeProvider } from "../../../../src/providers/plane";
import type { ProjectInfo, ProviderSession } from "../../../../src/providers/provider";

export const PLANE = "https://api.plane.so";
export const API_KEY = "plane_api_223b4a7a5c3e4d5f8a9b0c1d2e3f4a5b";
export const SLUG = "my-team";

/** The project the documented work item, state, estimate and comment examples belong to. */
export const PROJECT: ProjectInfo = {
  externalId: "4af68566-94a4-4eb3-94aa-50dc9427067b",
  name: "Project X",
  url: null,
  providerRef: `${SLUG}/4af68566-94a4-4eb3-94aa-50dc9427067b`,
};
export const PROJECT_PATH = "/api/v1/workspaces/my-team/projects/4af68566-94a4-4eb3-94aa-50dc9427067b";
export const ITEM_ID = "e1c25c66-5bb8-465e-a818-92a483423443";
export const ITEM_REF = { externalId: ITEM_ID, providerRef: `${PROJECT.externalId}/${ITEM_ID}`, project: PROJECT };

/** Plane's fixtures; their bytes are exact (webhook bodies are Python json.dumps output, as Plane signs them). */
export const { fixture, fixtureBytes } = fixturesOf<Record<string, unknown>>("plane");

export interface PlaneHarness {
  mock: MockAgent;
  session: ProviderSession;
}

/** A Plane session on a MockAgent that refuses real connections, with a clock that never sleeps. */
export function planeHarness(baseUrl = PLANE, kind: AuthKind = "personal", token = API_KEY): PlaneHarness {
  resetRateLimitStates();
  const mock = new MockAgent();
  mock.disableNetConnect();
  const http = new HttpClient({
    provider: "plane",
    baseUrl,
    headers: planeProvider.authHeaders(token, kind),
    policy: planeProvider.rateLimit,
    rateLimitKey: "integration-plane",
    dispatcher: mock,
    clock: new FakeClock(),
    random: () => 0.5,
  });
  return { mock, session: { http, account: { id: "550e8400-e29b-41d4-a716-446655440000", name: "John Doe", workspaces: [SLUG] } } };
}
