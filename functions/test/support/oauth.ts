import type { ProviderId } from "../../src/domain/provider-id";
import type { Integration } from "../../src/domain/integration";
import { providerFor } from "../../src/providers/registry";
import { refs } from "../../src/store/refs";
import { waitFor } from "@taskbridge/emulator-support";
import { callCallable, FUNCTIONS_URL, type OAuthSimulator } from "@taskbridge/simulators";

/**
 * GETs `url` without following redirects and returns where it points (what a browser would follow
 * next), sending `cookie` ("name=value") as that browser's Cookie header when given.
 */
export async function redirectOf(url: string, cookie?: string): Promise<{ status: number; location: string | null; body: string; setCookie: string[] }> {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  return { status: res.status, location: res.headers.get("location"), body: await res.text(), setCookie: res.headers.getSetCookie() };
}

/** What connectProvider answers: the start endpoint and the form fields the app posts there. */
export interface ConnectStart {
  url: string;
  state: string;
  connectToken: string;
}

/** The app's top-level form POST to the start endpoint, from the page at `origin`. */
export async function postStart(start: ConnectStart, origin: string | null = APP_ORIGIN): Promise<{ status: number; location: string | null; body: string; setCookie: string[] }> {
  const res = await fetch(start.url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
    body: new URLSearchParams({ state: start.state, connectToken: start.connectToken }).toString(),
  });
  return { status: res.status, location: res.headers.get("location"), body: await res.text(), setCookie: res.headers.getSetCookie() };
}

/** The "name=value" part of a Set-Cookie header, as the browser sends it back. */
export function cookieOf(setCookie: string[]): string {
  const first = setCookie[0];
  if (!first) throw new Error("no Set-Cookie");
  return first.split(";")[0]!;
}

/** The query of a URL as a plain object. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

export const APP_REDIRECT = "http://localhost:5173/settings/integrations?tab=connections";
/** The app's origin, which its start form's Origin header carries. */
export const APP_ORIGIN = new URL(APP_REDIRECT).origin;

/** The emulated oauth function's callback for a provider (as functions/.env.demo-taskbridge sets it). */
export function callbackUrlOf(provider: ProviderId): string {
  return `${FUNCTIONS_URL}/oauth/${provider}/callback`;
}

export interface CompletedFlow {
  /** What connectProvider answered. */
  start: ConnectStart;
  /** The authorize URL the start endpoint sent the browser to. */
  authorizeUrl: string;
  /** The binding cookie ("name=value") the start endpoint gave the browser. */
  cookie: string;
  /** The callback URL the provider sent the browser to. */
  callback: string;
  /** Where the callback sent the browser: the app's URL with the result. */
  result: Record<string, string>;
}

/** connectProvider, then the app's form POST to the start endpoint: the browser is bound and on its way to the provider. */
export async function startConnectFlow(provider: ProviderId, orgId: string, idToken: string, apiBase?: string): Promise<{ start: ConnectStart; authorizeUrl: string; cookie: string }> {
  const started = await callCallable("connectProvider", { orgId, provider, redirectUrl: APP_REDIRECT, ...(apiBase ? { baseUrl: apiBase } : {}) }, idToken);
  if (started.status !== 200) throw new Error(`connectProvider failed: ${JSON.stringify(started.error)}`);
  const start = started.result as ConnectStart;
  const posted = await postStart(start);
  if (posted.status !== 303 || !posted.location) throw new Error(`start answered ${posted.status}: ${posted.body}`);
  return { start, authorizeUrl: posted.location, cookie: cookieOf(posted.setCookie) };
}

/**
 * The browser's part of a connect flow, by hand: ask connectProvider, post its form to the start
 * endpoint (keeping the cookie), follow the provider's authorize redirect, then the callback's
 * redirect back to the app, with the cookie, as the same browser would.
 */
export async function runConnectFlow(provider: ProviderId, orgId: string, idToken: string, apiBase: string): Promise<CompletedFlow> {
  const { start, authorizeUrl, cookie } = await startConnectFlow(provider, orgId, idToken, apiBase);
  const authorize = await redirectOf(authorizeUrl);
  if (authorize.status !== 302 || !authorize.location) throw new Error(`authorize answered ${authorize.status}: ${authorize.body}`);
  const back = await redirectOf(authorize.location, cookie);
  if (back.status !== 302 || !back.location) throw new Error(`callback answered ${back.status}: ${back.body}`);
  return { start, authorizeUrl, cookie, callback: authorize.location, result: queryOf(back.location) };
}

/** The org's integrations with their ids. */
export async function integrationsOf(orgId: string): Promise<Array<Integration & { id: string }>> {
  const snapshot = await refs.integrations(orgId).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() }));
}

/** The request each provider's listProjects starts with, on the simulator's API. */
export const LIST_PROJECTS: Record<ProviderId, (request: { method: string; path: string; body: string }) => boolean> = {
  github: (r) => r.method === "GET" && r.path === "/user/repos",
  clickup: (r) => r.method === "GET" && r.path === "/team/9001/space",
  plane: (r) => r.method === "GET" && r.path === "/api/v1/workspaces/acme/projects/",
  asana: (r) => r.method === "GET" && r.path === "/projects",
  linear: (r) => r.method === "POST" && r.path === "/graphql" && r.body.includes("teams"),
};

/**
 * Waits until a connect has listed projects as often as it will: once for webhook registration
 * (where the provider registers through its API) and once for the initial sync's fan-out, which
 * is the proof that the integration-sync request was published. Counts requests after `from`.
 */
export async function waitForConnectListings(sim: OAuthSimulator, provider: ProviderId, from: number): Promise<void> {
  const expected = providerFor(provider).webhookRegistration ? 2 : 1;
  await waitFor(`${expected} project listings after connecting ${provider}`, async () =>
    sim.apiRequests.slice(from).filter((r) => r.provider === provider && LIST_PROJECTS[provider](r)).length >= expected ? true : undefined,
  );
}
