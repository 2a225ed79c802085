/**
 * The OAuth connect flow on the emulators, for each provider, against the OAuth simulator:
 * connectProvider → the provider's authorize page (a redirect followed by hand) → the `oauth`
 * callback → back to the app. OAuth URLs reach the simulator through OAUTH_BASE_URL_OVERRIDE
 * (functions/.env.demo-taskbridge); API calls through the integration's baseUrl.
 */
import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import type { Account } from "../../src/domain/integration";
import type { ProviderId } from "../../src/domain/provider-id";
import { decodeCredentials } from "../../src/store/credentials";
import { db } from "../../src/store/db";
import { OAuthSimulator, PROVIDER_FACTS } from "../simulators/oauth-simulator";
import { callCallable, localKeyring, signUp } from "../support/emulators";
import { APP_REDIRECT, callbackUrlOf, integrationsOf, localOAuthClients, queryOf, redirectOf, runConnectFlow, waitForConnectListings } from "../support/oauth";
import { seedOrg } from "../support/seed";

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
  scope: string | null;
  extra: Record<string, string>;
  account: Account;
}

const EXPECTED: Record<ProviderId, Expectation> = {
  github: {
    scope: "repo",
    extra: {},
    account: { id: "583231", name: "octocat", workspaces: [] },
  },
  clickup: {
    scope: null,
    extra: {},
    account: { id: "183", name: "clickup-user", workspaces: ["9001", "9002"] },
  },
  plane: {
    scope: "profile:read projects:read projects.states:read projects.members:read projects.labels:read projects.work_items:read projects.work_items:write projects.work_items.comments:read projects.work_items.comments:write",
    extra: { response_type: "code" },
    account: { id: "8b1c3d5e-0000-4000-8000-000000000001", name: "plane-user", workspaces: ["acme"] },
  },
  asana: {
    scope: "users:read workspaces:read projects:read tasks:read tasks:write stories:write tags:read time_tracking_entries:read webhooks:read webhooks:write webhooks:delete",
    extra: { response_type: "code" },
    account: { id: "1201", name: "Asana User", workspaces: ["4401"] },
  },
  linear: {
    scope: "read,write",
    extra: { response_type: "code" },
    account: { id: "lin-user-1", name: "Linear User", workspaces: ["lin-org-1"] },
  },
};

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

    // The authorize URL.
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
    expect(state).toMatchObject({ orgId, uid: owner.uid, provider, redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase(provider) });
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
      authKind: "oauth",
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
    expect(credentials).toMatchObject({ orgId, provider, authKind: "oauth", accessToken: issued.accessToken, refreshToken: issued.refreshToken });
    expect(credentials.accessTokenExpiresAt === null).toBe(facts.expiresIn === null);

    // The initial sync was requested: its fan-out lists the account's projects (after webhook registration did).
    await waitForConnectListings(sim, provider, apiRequestsBefore);
  });
});

describe("Plane app installation (bot token)", () => {
  it("mints a bot token with client credentials over HTTP Basic when the callback names only the installation", async () => {
    const orgId = await seedOrg(owner.uid);
    const started = await callCallable("connectProvider", { orgId, provider: "plane", redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase("plane") }, owner.idToken);
    const state = queryOf((started.result as { url: string }).url).state!;

    const back = await redirectOf(`${callbackUrlOf("plane")}?state=${state}&app_installation_id=inst-acme`);
    expect(queryOf(back.location!)).toMatchObject({ provider: "plane", success: "true" });

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
});

describe("states, redirects and consent", () => {
  it("refuses a replayed state, and the code is exchanged only once", async () => {
    const orgId = await seedOrg(owner.uid);
    const flow = await runConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
    expect(flow.result.success).toBe("true");
    const code = queryOf(flow.callback).code;

    const replay = await redirectOf(flow.callback);
    expect(replay.status).toBe(302);
    const result = queryOf(replay.location!);
    expect(result).toMatchObject({ provider: "github", error: "state_already_used" });
    expect(result.message).toMatch(/already used/);
    expect(result.success).toBeUndefined();
    expect(sim.tokenRequests.filter((r) => r.params.code === code)).toHaveLength(1);
  });

  it("refuses an expired state without exchanging the code", async () => {
    const orgId = await seedOrg(owner.uid);
    const started = await callCallable("connectProvider", { orgId, provider: "asana", redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase("asana") }, owner.idToken);
    const url = (started.result as { url: string }).url;
    const state = queryOf(url).state!;
    await db().doc(`oauthStates/${state}`).update({ expireAt: Timestamp.fromMillis(Date.now() - 1000) });

    const authorize = await redirectOf(url);
    const code = queryOf(authorize.location!).code;
    const back = await redirectOf(authorize.location!);
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
    const started = await callCallable("connectProvider", { orgId, provider: "clickup", redirectUrl: APP_REDIRECT, baseUrl: sim.apiBase("clickup") }, owner.idToken);
    const authorize = await redirectOf((started.result as { url: string }).url);
    const forged = new URL(authorize.location!);
    forged.searchParams.set("code", "code_that_was_never_issued");
    const back = await redirectOf(forged.toString());
    const result = queryOf(back.location!);
    expect(result).toMatchObject({ provider: "clickup", error: "exchange_failed" });
    expect(result.message).toMatch(/invalid_grant/);
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
});
