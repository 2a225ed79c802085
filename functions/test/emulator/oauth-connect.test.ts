/**
 * The OAuth connect flow on the emulators, for each provider, against the OAuth simulator:
 * connectProvider → the app's form POST to the `oauth` start endpoint (which binds the browser
 * with a cookie) → the provider's authorize page (a redirect followed by hand) → the `oauth`
 * callback, with that cookie → back to the app. OAuth URLs reach the simulator through
 * OAUTH_BASE_URL_OVERRIDE (functions/.env.demo-taskbridge); API calls through the integration's
 * baseUrl, whose origin that file's PROVIDER_BASE_URL_ALLOWLIST lists.
 */
import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import type { Account } from "../../src/domain/integration";
import type { ProviderId } from "../../src/domain/provider-id";
import { decodeCredentials } from "../../src/credentials/credential-store";
import { db } from "../../src/store/db";
import { localKeyring, localOAuthClients, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, FUNCTIONS_URL, OAuthSimulator, PROVIDER_FACTS, signUp } from "@taskbridge/simulators";
import { APP_ORIGIN, APP_REDIRECT, callbackUrlOf, integrationsOf, postStart, queryOf, redirectOf, runConnectFlow, startConnectFlow, waitForConnectListings, type ConnectStart } from "../support/oauth";

const sim = new OAuthSimulator(localOAuthClients());
let owner: { uid: string; idToken: string };
let member: { uid: string; idToken: string };

beforeAll(async () => {
  await sim.start();
  owner = await signUp(`owner-${Date.now()}@example.com`);
  member = await signUp(`member-${Date.now()}@example.com`);
  sim.addInstallation("inst-acme", "acme");
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.consent = "grant";
  sim.authorizeExtras = {};
});

interface Expectation {
  /** Plane's callback names the app installation, which gets its bot token once Plane confirms it. */
  authKind: "oauth" | "bot";
  scope: string | null;
  extra: Record<string, string>;
  account: Account;
}

const EXPECTED: Record<ProviderId, Expectation> = {
  github: {
    authKind: "oauth",
    scope: "repo",
    extra: {},
    account: { id: "583231", name: "octocat", workspaces: [] },
  },
  clickup: {
    authKind: "oauth",
    scope: null,
    extra: {},
    account: { id: "183", name: "clickup-user", workspaces: ["9001", "9002"] },
  },
  plane: {
    authKind: "bot",
    scope: "profile:read projects:read projects.states:read projects.members:read projects.labels:read projects.work_items:read projects.work_items:write projects.work_items.comments:read projects.work_items.comments:write",
    extra: { response_type: "code" },
    account: { id: "8b1c3d5e-0000-4000-8000-000000000001", name: "taskbridge-bot", workspaces: ["acme"] },
  },
  asana: {
    authKind: "oauth",
    scope: "users:read workspaces:read projects:read tasks:read tasks:write stories:write tags:read time_tracking_entries:read webhooks:read webhooks:write webhooks:delete",
    extra: { response_type: "code" },
    account: { id: "1201", name: "Asana User", workspaces: ["4401"] },
  },
  linear: {
    authKind: "oauth",
    scope: "read,write",
    extra: { response_type: "code" },
    account: { id: "lin-user-1", name: "Linear User", workspaces: ["lin-org-1"] },
  },
};

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

async function statesOf(orgId: string) {
  const snapshot = await db().collection("oauthStates").where("orgId", "==", orgId).get();
  return snapshot.docs;
}

describe.each(Object.keys(EXPECTED) as ProviderId[])("the full OAuth flow for %s", (provider) => {
  it("authorizes with the right parameters, exchanges the code, stores the integration and encrypted credential, and returns to the app", async () => {
    const expected = EXPECTED[provider];
    const facts = PROVIDER_FACTS[provider];
    const orgId = await seedOrg(owner.uid);
    // Plane names the installation (and so the workspace) on the way back.
    if (provider === "plane") sim.authorizeExtras = { app_installation_id: "inst-acme" };
    const apiRequestsBefore = sim.apiRequests.length;

    const flow = await runConnectFlow(provider, orgId, owner.idToken, sim.apiBase(provider));

    // connectProvider answered the start endpoint and its one-time form fields, not the authorize URL.
    expect(flow.start.url).toBe(`${FUNCTIONS_URL}/oauth/${provider}/start`);
    expect(flow.start.connectToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The authorize URL, where the start endpoint sent the browser.
    const authorize = new URL(flow.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sim.baseUrl}/${provider}${facts.authorizePath}`);
    const params = queryOf(flow.authorizeUrl);
    expect(params.client_id).toBe(localOAuthClients()[provider].clientId);
    expect(params.redirect_uri).toBe(callbackUrlOf(provider));
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.scope).toBe(expected.scope ?? undefined);
    for (const [name, value] of Object.entries(expected.extra)) expect(params[name]).toBe(value);

    // The state document, and the PKCE challenge derived from its verifier.
    const [stateDoc] = await statesOf(orgId);
    expect(stateDoc!.id).toBe(params.state);
    const state = stateDoc!.data();
    expect(state).toMatchObject({ orgId, uid: owner.uid, provider, redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase(provider), authorizeUrl: flow.authorizeUrl });
    // Only hashes of the connect token and of the browser's key are stored.
    expect(state.connectTokenHash).toBe(sha256(flow.start.connectToken));
    expect(state.browserKeyHash).toBe(sha256(flow.cookie.split("=")[1]!));
    expect(JSON.stringify(state)).not.toContain(flow.start.connectToken);
    const ttl = (state.expireAt as Timestamp).toMillis() - (state.createdAt as Timestamp).toMillis();
    expect(ttl).toBe(10 * 60 * 1000);
    if (facts.pkce) {
      expect(params.code_challenge_method).toBe("S256");
      expect(params.code_challenge).toBe(createHash("sha256").update(state.codeVerifier as string).digest("base64url"));
    } else {
      expect(params.code_challenge).toBeUndefined();
      expect(state.codeVerifier).toBeNull();
    }
    expect(state.consumedAt).not.toBeNull();

    // The code exchange, sent the provider's way.
    const exchange = sim.tokenRequests.filter((r) => r.provider === provider && r.grantType === "authorization_code").at(-1)!;
    expect(exchange.params.code).toBe(queryOf(flow.callback).code);
    expect(exchange.params.redirect_uri).toBe(callbackUrlOf(provider));
    expect(exchange.params.client_secret).toBe(localOAuthClients()[provider].clientSecret);
    expect(exchange.contentType).toContain(facts.format === "json" ? "application/json" : "application/x-www-form-urlencoded");
    if (facts.pkce) expect(exchange.params.code_verifier).toBe(state.codeVerifier);
    else expect(exchange.params.code_verifier).toBeUndefined();

    // Back to the app, its own query kept.
    expect(flow.result).toEqual({ tab: "connections", provider, success: "true" });

    // The integration: connected, the account and scopes, no token anywhere in it.
    const issued = sim.issued.filter((t) => t.provider === provider).at(-1)!;
    const [integration] = await integrationsOf(orgId);
    expect(integration).toMatchObject({
      provider,
      status: "connected",
      statusMessage: null,
      authKind: expected.authKind,
      account: expected.account,
      baseUrl: sim.apiBase(provider),
      connectedBy: owner.uid,
    });
    expect(integration!.scopes).toEqual(provider === "github" ? ["repo"] : expected.scope ? expected.scope.split(/[ ,]/) : []);
    expect(JSON.stringify(integration)).not.toContain(issued.accessToken);

    // The credential: its stored bytes hold neither token; it decrypts to what the provider issued.
    const raw = (await db().doc(`credentials/${integration!.id}`).get()).data()!;
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(issued.accessToken);
    if (issued.refreshToken) expect(stored).not.toContain(issued.refreshToken);
    const credentials = decodeCredentials(integration!.id, raw, localKeyring());
    expect(credentials).toMatchObject({ orgId, provider, authKind: expected.authKind, accessToken: issued.accessToken, refreshToken: issued.refreshToken });
    expect(credentials.accessTokenExpiresAt === null).toBe(facts.expiresIn === null);

    // The initial sync was requested: its fan-out lists the account's projects (after webhook registration did).
    await waitForConnectListings(sim, provider, apiRequestsBefore);
  });
});

describe("Plane app installation (bot token)", () => {
  it("mints a bot token only after Plane confirms the installation to the user token this flow's code earned", async () => {
    const orgId = await seedOrg(owner.uid);
    sim.authorizeExtras = { app_installation_id: "inst-acme" };
    const flow = await runConnectFlow("plane", orgId, owner.idToken, sim.apiBase("plane"));
    expect(flow.result).toMatchObject({ provider: "plane", success: "true" });

    // The code was exchanged first, and its user token asked Plane about the installation.
    const exchange = sim.tokenRequests.filter((r) => r.provider === "plane" && r.grantType === "authorization_code").at(-1)!;
    expect(exchange.params.code).toBe(queryOf(flow.callback).code);
    const userToken = sim.issued.filter((t) => t.provider === "plane" && t.kind === "oauth").at(-1)!.accessToken;
    expect(sim.apiRequests.some((r) => r.path === "/auth/o/app-installation/" && r.headers.authorization === `Bearer ${userToken}`)).toBe(true);

    const mint = sim.tokenRequests.filter((r) => r.provider === "plane" && r.grantType === "client_credentials").at(-1)!;
    const client = localOAuthClients().plane;
    expect(mint.authorization).toBe(`Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`);
    expect(mint.params).toEqual({ grant_type: "client_credentials", app_installation_id: "inst-acme" });

    const [integration] = await integrationsOf(orgId);
    expect(integration).toMatchObject({ authKind: "bot", status: "connected", account: { name: "taskbridge-bot", workspaces: ["acme"] } });
    const credentials = decodeCredentials(integration!.id, (await db().doc(`credentials/${integration!.id}`).get()).data(), localKeyring());
    expect(credentials).toMatchObject({ authKind: "bot", installationId: "inst-acme", refreshToken: null });
    expect(credentials.accessTokenExpiresAt).not.toBeNull();
  });

  it("refuses an installation named in the callback without a code, minting no bot token and storing nothing", async () => {
    const orgId = await seedOrg(owner.uid);
    const { start, cookie } = await startConnectFlow("plane", orgId, owner.idToken, sim.apiBase("plane"));
    const tokenRequestsBefore = sim.tokenRequests.length;

    const back = await redirectOf(`${callbackUrlOf("plane")}?state=${start.state}&app_installation_id=inst-acme`, cookie);
    expect(back.status).toBe(302);
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "plane", error: "missing_code" });
    expect(result.success).toBeUndefined();
    expect(sim.tokenRequests.length).toBe(tokenRequestsBefore);
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("refuses an installation Plane does not list to the signed-in user (another workspace's), minting no bot token", async () => {
    const orgId = await seedOrg(owner.uid);
    sim.addInstallation("inst-elsewhere", "elsewhere", { userIsMember: false });
    sim.authorizeExtras = { app_installation_id: "inst-elsewhere" };
    const flow = await runConnectFlow("plane", orgId, owner.idToken, sim.apiBase("plane"));
    expect(flow.result).toMatchObject({ provider: "plane", error: "installation_not_verified" });
    expect(flow.result.message).toMatch(/did not confirm the app installation/);
    expect(sim.tokenRequests.some((r) => r.grantType === "client_credentials" && r.params.app_installation_id === "inst-elsewhere")).toBe(false);
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});

describe("the flow is bound to the browser that started it", () => {
  it("sets an HttpOnly, SameSite=Lax binding cookie scoped to the callback, and sends the browser on with a 303", async () => {
    const orgId = await seedOrg(owner.uid);
    const started = await callCallable("connectProvider", { orgId, provider: "github", redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase("github") }, owner.idToken);
    const start = started.result as ConnectStart;
    const posted = await postStart(start);
    expect(posted.status).toBe(303);
    expect(new URL(posted.location!).searchParams.get("state")).toBe(start.state);
    expect(posted.setCookie).toHaveLength(1);
    const attributes = posted.setCookie[0]!.split("; ");
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", `Path=${new URL(callbackUrlOf("github")).pathname}`]));
    // As long as the state lives (10 minutes), no longer.
    const maxAge = Number(attributes.find((a) => a.startsWith("Max-Age="))!.slice("Max-Age=".length));
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);
    // The emulator's callback is plain http; an https callback gets Secure too (unit: browser-binding).
    expect(attributes).not.toContain("Secure");
    expect(posted.setCookie[0]).not.toContain(start.connectToken);
  });

  it("refuses a callback from a browser without the start's cookie: no code exchange, nothing stored, and the state is spent", async () => {
    const orgId = await seedOrg(owner.uid);
    const { authorizeUrl, cookie } = await startConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
    // The authorize link reaches another browser (the victim's), which consents there.
    const authorize = await redirectOf(authorizeUrl);
    const code = queryOf(authorize.location!).code;

    const back = await redirectOf(authorize.location!);
    expect(back.status).toBe(302);
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "github", error: "browser_mismatch" });
    expect(result.message).toMatch(/another browser/);
    expect(result.success).toBeUndefined();
    expect(sim.tokenRequests.some((r) => r.params.code === code)).toBe(false);
    expect(await integrationsOf(orgId)).toEqual([]);
    // Even the browser that started it cannot use the spent state now: it starts again.
    const own = await redirectOf(authorize.location!, cookie);
    expect(queryOf(own.location!).error).toBe("state_already_used");
  });

  it("refuses a callback carrying another flow's cookie value for this state", async () => {
    const orgId = await seedOrg(owner.uid);
    const { authorizeUrl, cookie } = await startConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
    const authorize = await redirectOf(authorizeUrl);
    const back = await redirectOf(authorize.location!, `${cookie.split("=")[0]}=${"A".repeat(43)}`);
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "github", error: "browser_mismatch" });
    expect(result.message).toMatch(/another browser/);
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("starts a flow once, only with its connect token, and only from the app's own origin", async () => {
    const orgId = await seedOrg(owner.uid);
    const started = await callCallable("connectProvider", { orgId, provider: "github", redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase("github") }, owner.idToken);
    const start = started.result as ConnectStart;

    const wrongToken = await postStart({ ...start, connectToken: "B".repeat(43) });
    expect(wrongToken).toMatchObject({ status: 403, location: null, setCookie: [] });
    const crossSite = await postStart(start, "https://evil.example.com");
    expect(crossSite).toMatchObject({ status: 403, location: null, setCookie: [] });
    expect(crossSite.body).toMatch(/only be started from the app/);
    const noOrigin = await postStart(start, null);
    expect(noOrigin).toMatchObject({ status: 403, setCookie: [] });
    const asGet = await redirectOf(`${start.url}?state=${start.state}&connectToken=${start.connectToken}`);
    expect(asGet.status).toBe(405);

    expect((await postStart(start, APP_ORIGIN)).status).toBe(303);
    const again = await postStart(start, APP_ORIGIN);
    expect(again).toMatchObject({ status: 400, setCookie: [] });
    expect(again.body).toMatch(/already started/);
  });
});

describe("states, redirects and consent", () => {
  it("uses a state once: a second callback with the same state, from the same browser, is refused and the code is exchanged only once", async () => {
    const orgId = await seedOrg(owner.uid);
    const flow = await runConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
    expect(flow.result.success).toBe("true");
    const code = queryOf(flow.callback).code;

    const replay = await redirectOf(flow.callback, flow.cookie);
    expect(replay.status).toBe(302);
    const result = queryOf(replay.location!);
    expect(result).toMatchObject({ provider: "github", error: "state_already_used" });
    expect(result.message).toMatch(/already used/);
    expect(result.success).toBeUndefined();
    expect(sim.tokenRequests.filter((r) => r.params.code === code)).toHaveLength(1);
  });

  it("refuses an expired state without exchanging the code", async () => {
    const orgId = await seedOrg(owner.uid);
    const { start, authorizeUrl, cookie } = await startConnectFlow("asana", orgId, owner.idToken, sim.apiBase("asana"));
    await db().doc(`oauthStates/${start.state}`).update({ expireAt: Timestamp.fromMillis(Date.now() - 1000) });

    const authorize = await redirectOf(authorizeUrl);
    const code = queryOf(authorize.location!).code;
    const back = await redirectOf(authorize.location!, cookie);
    expect(back.status).toBe(302);
    expect(queryOf(back.location!)).toMatchObject({ provider: "asana", error: "expired_state" });
    expect(sim.tokenRequests.some((r) => r.params.code === code)).toBe(false);
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("answers an unknown state with a 400 page, not a redirect or a 500", async () => {
    const res = await redirectOf(`${callbackUrlOf("github")}?code=x&state=${"A".repeat(43)}`);
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.body).toMatch(/not valid/);
    const missing = await redirectOf(`${callbackUrlOf("github")}?code=x`);
    expect(missing.status).toBe(400);
  });

  it("refuses a redirect URL outside the allow-list and stores no state", async () => {
    const orgId = await seedOrg(owner.uid);
    for (const redirectUrl of ["https://evil.example.com/cb", "http://localhost:5174/cb", "http://user:pw@localhost:5173/cb", "javascript:alert(1)"]) {
      const res = await callCallable("connectProvider", { orgId, provider: "github", redirectUrl }, owner.idToken);
      expect(res.status).toBe(400);
      expect(res.error!.status).toBe("INVALID_ARGUMENT");
      expect(res.error!.message).toMatch(/redirectUrl/);
    }
    expect(await statesOf(orgId)).toHaveLength(0);
  });

  it("returns denied consent to the app as access_denied, with nothing stored", async () => {
    const orgId = await seedOrg(owner.uid);
    sim.consent = "deny";
    const tokenRequestsBefore = sim.tokenRequests.length;
    const flow = await runConnectFlow("linear", orgId, owner.idToken, sim.apiBase("linear"));
    expect(flow.result).toMatchObject({ provider: "linear", error: "access_denied" });
    expect(flow.result.message).toMatch(/did not allow/);
    expect(sim.tokenRequests.length).toBe(tokenRequestsBefore);
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("returns a failed code exchange to the app as exchange_failed", async () => {
    const orgId = await seedOrg(owner.uid);
    const { authorizeUrl, cookie } = await startConnectFlow("clickup", orgId, owner.idToken, sim.apiBase("clickup"));
    const authorize = await redirectOf(authorizeUrl);
    const forged = new URL(authorize.location!);
    forged.searchParams.set("code", "code_that_was_never_issued");
    const back = await redirectOf(forged.toString(), cookie);
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "clickup", error: "exchange_failed" });
    expect(result.message).toMatch(/invalid_grant/);
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});

describe("no caller-chosen host receives a token", () => {
  it("refuses an OAuth baseUrl whose origin PROVIDER_BASE_URL_ALLOWLIST does not list, and stores no state", async () => {
    const orgId = await seedOrg(owner.uid);
    for (const baseUrl of ["https://attacker.example.net/api/v3", "http://127.0.0.1:9999/api/github", "https://ghe.example.com/api/v3"]) {
      const res = await callCallable("connectProvider", { orgId, provider: "github", redirectUrl: APP_REDIRECT, baseUrl }, owner.idToken);
      expect(res.error).toMatchObject({ status: "INVALID_ARGUMENT", message: expect.stringMatching(/^GitHub Issues: baseUrl's origin .* is not on this deployment's PROVIDER_BASE_URL_ALLOWLIST/) });
    }
    expect(await statesOf(orgId)).toHaveLength(0);
  });

  it("refuses, at the callback, a state whose baseUrl is not (or no longer) allow-listed: no code exchange, no identify call, nothing stored", async () => {
    const orgId = await seedOrg(owner.uid);
    const { start, authorizeUrl, cookie } = await startConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
    // As if the allow-list had dropped this origin after connectProvider (or the state came from older code).
    await db().doc(`oauthStates/${start.state}`).update({ baseUrl: "https://attacker.example.net/api/v3" });
    const authorize = await redirectOf(authorizeUrl);
    const code = queryOf(authorize.location!).code;
    const apiRequestsBefore = sim.apiRequests.length;

    const back = await redirectOf(authorize.location!, cookie);
    expect(queryOf(back.location!)).toMatchObject({ provider: "github", error: "base_url_not_allowed" });
    expect(sim.tokenRequests.some((r) => r.params.code === code)).toBe(false);
    expect(sim.apiRequests.length).toBe(apiRequestsBefore);
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});

describe("who may connect", () => {
  it("refuses a member who is not an owner, and a caller who is not signed in", async () => {
    const orgId = await seedOrg(owner.uid, member.uid);
    const input = { orgId, provider: "github", redirectUrl: APP_REDIRECT };
    const asMember = await callCallable("connectProvider", input, member.idToken);
    expect(asMember.error).toMatchObject({ status: "PERMISSION_DENIED" });
    const anonymous = await callCallable("connectProvider", input);
    expect(anonymous.error).toMatchObject({ status: "UNAUTHENTICATED" });
    expect(await statesOf(orgId)).toHaveLength(0);
  });

  it("refuses the callback of an owner demoted after starting: the role is checked again when the state is used", async () => {
    const orgId = await seedOrg(owner.uid, member.uid);
    const { authorizeUrl, cookie } = await startConnectFlow("linear", orgId, owner.idToken, sim.apiBase("linear"));
    await db().doc(`orgs/${orgId}/members/${owner.uid}`).set({ role: "member" });
    const authorize = await redirectOf(authorizeUrl);
    const code = queryOf(authorize.location!).code;

    const back = await redirectOf(authorize.location!, cookie);
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "linear", error: "not_owner" });
    expect(result.message).toMatch(/no longer is one/);
    expect(sim.tokenRequests.some((r) => r.params.code === code)).toBe(false);
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});
