/**
 * connectWithToken on the emulators: a personal token for each provider is checked with a real
 * identify call against the simulator (which accepts it only in the provider's own header form)
 * before anything is written; a refused token leaves nothing behind.
 */
import type { ProviderId } from "../../src/domain/provider-id";
import { decodeCredentials } from "../../src/credentials/credential-store";
import { db } from "../../src/store/db";
import { localKeyring, localOAuthClients, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, OAuthSimulator, PROVIDER_FACTS, signUp } from "@taskbridge/simulators";
import { integrationsOf } from "../support/oauth";

const sim = new OAuthSimulator(localOAuthClients());
let owner: { uid: string; idToken: string };
let member: { uid: string; idToken: string };

beforeAll(async () => {
  await sim.start();
  owner = await signUp(`token-owner-${Date.now()}@example.com`);
  member = await signUp(`token-member-${Date.now()}@example.com`);
});
afterAll(() => sim.stop());

const TOKENS: Record<ProviderId, { token: string; workspace?: string; workspaces: string[] }> = {
  github: { token: "ghp_personal_0123456789abcdef", workspaces: [] },
  clickup: { token: "pk_183_ABCDEFGHIJKLMNOP", workspaces: ["9001", "9002"] },
  plane: { token: "plane_api_0123456789abcdef", workspace: "acme", workspaces: ["acme"] },
  asana: { token: "2/1201/120000:personalsecret", workspaces: ["4401"] },
  linear: { token: "lin_api_0123456789abcdef", workspaces: ["lin-org-1"] },
};

async function credentialDocsOf(orgId: string) {
  return (await db().collection("credentials").where("orgId", "==", orgId).get()).docs;
}

describe.each(Object.keys(TOKENS) as ProviderId[])("a %s personal token", (provider) => {
  it("is identified with the provider before it is stored, encrypted, as a personal credential", async () => {
    const { token, workspace, workspaces } = TOKENS[provider];
    sim.addPersonalToken(provider, token);
    const orgId = await seedOrg(owner.uid);
    const res = await callCallable(
      "connectWithToken",
      { orgId, provider, token, baseUrl: sim.apiBase(provider), webhookSecret: "whsec_manual_secret", ...(workspace ? { workspace } : {}) },
      owner.idToken,
    );
    expect(res.status).toBe(200);
    const { integrationId } = res.result as { integrationId: string };

    // The simulator answered identify only because the token came in the provider's own header.
    const [name, value] = PROVIDER_FACTS[provider].authHeader.personal(token);
    expect(sim.apiRequests.some((r) => r.provider === provider && r.headers[name] === value)).toBe(true);

    const [integration] = await integrationsOf(orgId);
    expect(integration).toMatchObject({ id: integrationId, provider, status: "connected", authKind: "personal", scopes: [], baseUrl: sim.apiBase(provider) });
    expect(integration!.account.workspaces).toEqual(workspaces);
    const raw = (await db().doc(`credentials/${integrationId}`).get()).data()!;
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(JSON.stringify(raw)).not.toContain("whsec_manual_secret");
    expect(decodeCredentials(integrationId, raw, localKeyring())).toMatchObject({
      authKind: "personal",
      accessToken: token,
      refreshToken: null,
      accessTokenExpiresAt: null,
      webhookSecrets: ["whsec_manual_secret"],
    });
  });
});

describe("refused input", () => {
  it("gives a clear error for a token the provider refuses, and saves nothing", async () => {
    const orgId = await seedOrg(owner.uid);
    const res = await callCallable("connectWithToken", { orgId, provider: "github", token: "ghp_not_a_real_token", baseUrl: sim.apiBase("github") }, owner.idToken);
    expect(res.error?.status).toBe("INVALID_ARGUMENT");
    expect(res.error?.message).toMatch(/did not accept this personal access token.*Nothing was saved/);
    expect(res.error?.message).not.toContain("ghp_not_a_real_token");
    expect(await integrationsOf(orgId)).toEqual([]);
    expect(await credentialDocsOf(orgId)).toHaveLength(0);
  });

  it("needs Plane's workspace slug, and refuses one where the provider needs none", async () => {
    const orgId = await seedOrg(owner.uid);
    const plane = await callCallable("connectWithToken", { orgId, provider: "plane", token: TOKENS.plane.token, baseUrl: sim.apiBase("plane") }, owner.idToken);
    expect(plane.error).toMatchObject({ status: "INVALID_ARGUMENT", message: expect.stringMatching(/workspace/) });
    const github = await callCallable("connectWithToken", { orgId, provider: "github", token: TOKENS.github.token, workspace: "acme" }, owner.idToken);
    expect(github.error).toMatchObject({ status: "INVALID_ARGUMENT" });
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("refuses base URLs that are not https, or point at metadata or private addresses, naming the provider", async () => {
    const orgId = await seedOrg(owner.uid);
    for (const baseUrl of ["http://169.254.169.254/computeMetadata/v1", "https://169.254.169.254", "https://10.0.0.8/api", "https://metadata.google.internal", "http://example.com/api", "ftp://example.com", "https://[::ffff:127.0.0.1]/"]) {
      const res = await callCallable("connectWithToken", { orgId, provider: "github", token: TOKENS.github.token, baseUrl }, owner.idToken);
      expect(res.error?.status).toBe("INVALID_ARGUMENT");
      expect(res.error?.message).toMatch(/^GitHub Issues: baseUrl.*Nothing was saved\.$/);
    }
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("honours PROVIDER_BASE_URL_ALLOWLIST: a public https host the deployment does not list gets no token", async () => {
    const orgId = await seedOrg(owner.uid);
    const apiRequestsBefore = sim.apiRequests.length;
    const res = await callCallable("connectWithToken", { orgId, provider: "github", token: TOKENS.github.token, baseUrl: "https://ghe.example.com/api/v3" }, owner.idToken);
    expect(res.error).toMatchObject({ status: "INVALID_ARGUMENT", message: expect.stringMatching(/origin https:\/\/ghe\.example\.com is not on this deployment's PROVIDER_BASE_URL_ALLOWLIST/) });
    expect(sim.apiRequests.length).toBe(apiRequestsBefore);
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("refuses a member who is not an owner", async () => {
    const orgId = await seedOrg(owner.uid, member.uid);
    const res = await callCallable("connectWithToken", { orgId, provider: "github", token: TOKENS.github.token, baseUrl: sim.apiBase("github") }, member.idToken);
    expect(res.error?.status).toBe("PERMISSION_DENIED");
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});

describe("every connect failure is a clear error (a code and a message naming the provider and what to fix)", () => {
  beforeAll(() => sim.addPersonalToken("plane", TOKENS.plane.token));

  it("an answer that is not the provider's API: failed-precondition, pointing at the base URL", async () => {
    const orgId = await seedOrg(owner.uid);
    sim.answerNextApiRequest({ status: 200, raw: "<!doctype html><title>Welcome to nginx!</title>", contentType: "text/html" });
    const res = await callCallable("connectWithToken", { orgId, provider: "plane", token: TOKENS.plane.token, workspace: "acme", baseUrl: sim.apiBase("plane") }, owner.idToken);
    expect(res.error?.status).toBe("FAILED_PRECONDITION");
    expect(res.error?.message).toBe(
      `${sim.apiBase("plane")} did not answer like the Plane API (the body is not JSON). Check that the base URL is the API root of a Plane instance. Nothing was saved.`,
    );
    expect(await integrationsOf(orgId)).toEqual([]);
  });

  it("a workspace the provider does not have: invalid-argument naming the slug, nothing saved", async () => {
    const orgId = await seedOrg(owner.uid);
    const res = await callCallable("connectWithToken", { orgId, provider: "plane", token: TOKENS.plane.token, workspace: "no-such-team", baseUrl: sim.apiBase("plane") }, owner.idToken);
    expect(res.error?.status).toBe("INVALID_ARGUMENT");
    expect(res.error?.message).toMatch(/^Plane at .* answered "not found" \(there is no workspace "no-such-team" that this credential can read; check the workspace slug/);
    expect(await integrationsOf(orgId)).toEqual([]);
    expect(await credentialDocsOf(orgId)).toHaveLength(0);
  });

  it("an unreachable host: unavailable, naming the address and what to check", async () => {
    const orgId = await seedOrg(owner.uid);
    // Allow-listed (functions/.env.demo-taskbridge: the sandbox's Asana port), but nothing listens there during this file.
    const res = await callCallable("connectWithToken", { orgId, provider: "plane", token: TOKENS.plane.token, workspace: "acme", baseUrl: "http://127.0.0.1:9804" }, owner.idToken);
    expect(res.error?.status).toBe("UNAVAILABLE");
    expect(res.error?.message).toMatch(/^Plane at http:\/\/127\.0\.0\.1:9804 could not be reached \(ECONNREFUSED\)\. Check the base URL, or try again later\. Nothing was saved\.$/);
    expect(await integrationsOf(orgId)).toEqual([]);
  });
});
