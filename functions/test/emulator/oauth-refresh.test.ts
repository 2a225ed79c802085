/**
 * Token refresh on the emulators, through the real path: a connect flow against the OAuth
 * simulator, then requestSync, whose fan-out opens a provider session (openSession) and lists
 * projects. Refresh happens before use within the margin, and again after a 401; concurrent
 * sessions share one refresh; a refused refresh marks the integration needs_reauth.
 */
import { Timestamp } from "firebase-admin/firestore";
import type { ProviderId } from "../../src/domain/provider-id";
import { renewUnderLease, usableCredentials } from "../../src/credentials/refresh";
import { decodeCredentials, type Credentials } from "../../src/credentials/credential-store";
import { hashSecret, newSecret } from "../../src/credentials/one-time-secret";
import { acceptedWebhookSecrets, acceptHandshakeSecret } from "../../src/credentials/webhook-secret-store";
import { awaitHandshake } from "../../src/store/webhook-handshakes";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { localKeyring, localOAuthClients, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, OAuthSimulator, signUp } from "@taskbridge/simulators";
import { integrationsOf, runConnectFlow, waitForConnectListings } from "../support/oauth";

const sim = new OAuthSimulator(localOAuthClients());
let owner: { uid: string; idToken: string };

beforeAll(async () => {
  await sim.start();
  owner = await signUp(`refresh-owner-${Date.now()}@example.com`);
});

/**
 * What the emulated functions get from functions/.secret.local and .env.demo-taskbridge, for the
 * tests that refresh in this process: the keyring, the OAuth clients and the simulator's origin.
 */
function refreshInThisProcess(): void {
  const secrets = readFileSync(join(__dirname, "../../.secret.local"), "utf8");
  for (const line of secrets.split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]!] = match[2]!;
  }
  process.env.OAUTH_BASE_URL_OVERRIDE = /^OAUTH_BASE_URL_OVERRIDE=(.*)$/m.exec(readFileSync(join(__dirname, "../../.env.demo-taskbridge"), "utf8"))![1]!.trim();
}
afterAll(() => sim.stop());
beforeEach(() => {
  sim.refuseRefreshes = false;
  sim.refreshDelayMs = 0;
  sim.expiresInOverride.clear();
});

async function storedCredentials(integrationId: string): Promise<Credentials> {
  return decodeCredentials(integrationId, (await db().doc(`credentials/${integrationId}`).get()).data(), localKeyring());
}

/** Connects through the OAuth flow and waits until the initial sync has listed projects, so later counts are ours alone. */
async function connect(provider: ProviderId): Promise<{ orgId: string; integrationId: string }> {
  const orgId = await seedOrg(owner.uid);
  const before = sim.apiRequests.length;
  const flow = await runConnectFlow(provider, orgId, owner.idToken, sim.apiBase(provider));
  expect(flow.result.success).toBe("true");
  const [integration] = await integrationsOf(orgId);
  await waitForConnectListings(sim, provider, before);
  return { orgId, integrationId: integration!.id };
}

/** Moves the stored expiry (kept in clear beside the ciphertext) to `msFromNow`. */
async function expireIn(integrationId: string, msFromNow: number): Promise<void> {
  await db().doc(`credentials/${integrationId}`).update({ accessTokenExpiresAt: Timestamp.fromMillis(Date.now() + msFromNow) });
}

function requestSync(orgId: string, integrationId: string) {
  return callCallable("requestSync", { orgId, integrationId }, owner.idToken);
}

it("refreshes a token before use once it is within the margin of expiry", async () => {
  const { orgId, integrationId } = await connect("asana");
  const original = await storedCredentials(integrationId);
  expect(sim.refreshCount("asana")).toBe(0);
  const refreshesBefore = sim.refreshCount("asana");
  await expireIn(integrationId, 60_000);

  const res = await requestSync(orgId, integrationId);
  expect(res.status).toBe(200);

  expect(sim.refreshCount("asana") - refreshesBefore).toBe(1);
  const refresh = sim.tokenRequests.filter((r) => r.provider === "asana" && r.grantType === "refresh_token").at(-1)!;
  expect(refresh.params.refresh_token).toBe(original.refreshToken);
  const renewed = await storedCredentials(integrationId);
  expect(renewed.accessToken).not.toBe(original.accessToken);
  expect(renewed.accessToken).toBe(sim.issued.filter((t) => t.provider === "asana").at(-1)!.accessToken);
  // Asana keeps its refresh token: none came back, so the old one is kept.
  expect(renewed.refreshToken).toBe(original.refreshToken);
  expect(renewed.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3000_000);
  // The project listing went out with the renewed token.
  expect(sim.apiRequests.filter((r) => r.provider === "asana" && r.path === "/projects").at(-1)!.headers.authorization).toBe(`Bearer ${renewed.accessToken}`);
});

it("refreshes after a 401 and sends the request again", async () => {
  const { orgId, integrationId } = await connect("asana");
  const original = await storedCredentials(integrationId);
  const refreshesBefore = sim.refreshCount("asana");
  sim.invalidate(original.accessToken);

  const res = await requestSync(orgId, integrationId);
  expect(res.status).toBe(200);

  expect(sim.refreshCount("asana") - refreshesBefore).toBe(1);
  const renewed = await storedCredentials(integrationId);
  expect(renewed.accessToken).not.toBe(original.accessToken);
  const listings = sim.apiRequests.filter((r) => r.provider === "asana" && r.path === "/projects").slice(-2);
  expect(listings.map((r) => r.headers.authorization)).toEqual([`Bearer ${original.accessToken}`, `Bearer ${renewed.accessToken}`]);
  expect((await refs.integration(orgId, integrationId).get()).data()!.status).toBe("connected");
});

it("lets only one of two concurrent sessions refresh a rotating refresh token", async () => {
  const { orgId, integrationId } = await connect("linear");
  const original = await storedCredentials(integrationId);
  const refreshesBefore = sim.refreshCount("linear");
  await expireIn(integrationId, 60_000);
  // Slow enough that the second session arrives while the first holds the lease.
  sim.refreshDelayMs = 1500;

  const results = await Promise.all([requestSync(orgId, integrationId), requestSync(orgId, integrationId)]);
  expect(results.map((r) => r.status)).toEqual([200, 200]);

  // Linear rotates refresh tokens: a second refresh with the old one would have failed with invalid_grant.
  expect(sim.refreshCount("linear") - refreshesBefore).toBe(1);
  const renewed = await storedCredentials(integrationId);
  expect(renewed.accessToken).not.toBe(original.accessToken);
  expect(renewed.refreshToken).not.toBe(original.refreshToken);
  expect((await refs.integration(orgId, integrationId).get()).data()!.status).toBe("connected");
  expect((await db().doc(`oauthRefreshLeases/${integrationId}`).get()).exists).toBe(false);
});

describe("in one instance (this process, against the emulator's Firestore and the OAuth simulator)", () => {
  beforeAll(refreshInThisProcess);

  it("shares one refresh between concurrent requests: one token request, both get the new token", async () => {
    const { orgId, integrationId } = await connect("linear");
    const original = await storedCredentials(integrationId);
    const refreshesBefore = sim.refreshCount("linear");
    await expireIn(integrationId, 60_000);
    sim.refreshDelayMs = 1000;

    const [a, b] = await Promise.all([usableCredentials(orgId, integrationId), usableCredentials(orgId, integrationId)]);

    expect(sim.refreshCount("linear") - refreshesBefore).toBe(1);
    const renewed = await storedCredentials(integrationId);
    expect(renewed.accessToken).not.toBe(original.accessToken);
    expect(renewed.refreshToken).not.toBe(original.refreshToken);
    expect([a.accessToken, b.accessToken]).toEqual([renewed.accessToken, renewed.accessToken]);
    // One renewal served both: the second caller neither took the lease nor polled for the result.
    expect(b).toBe(a);
    expect((await refs.integration(orgId, integrationId).get()).data()!.status).toBe("connected");
    expect((await db().doc(`oauthRefreshLeases/${integrationId}`).get()).exists).toBe(false);
  });

  it("holds the lease per attempt, so two attempts in one process serialise: one token request, both get the new token", async () => {
    const { orgId, integrationId } = await connect("linear");
    const original = await storedCredentials(integrationId);
    const refreshesBefore = sim.refreshCount("linear");
    // Slow enough that the second attempt finds the first one's lease live.
    sim.refreshDelayMs = 1500;

    const [a, b] = await Promise.all([
      renewUnderLease(orgId, integrationId, original.accessToken),
      renewUnderLease(orgId, integrationId, original.accessToken),
    ]);

    // Linear rotates refresh tokens: a second token request with the old one is refused with invalid_grant.
    expect(sim.refreshCount("linear") - refreshesBefore).toBe(1);
    const renewed = await storedCredentials(integrationId);
    expect(renewed.accessToken).not.toBe(original.accessToken);
    expect([a.accessToken, b.accessToken]).toEqual([renewed.accessToken, renewed.accessToken]);
    expect((await refs.integration(orgId, integrationId).get()).data()!.status).toBe("connected");
    expect((await db().doc(`oauthRefreshLeases/${integrationId}`).get()).exists).toBe(false);
  });

  it("keeps a webhook secret recorded while the token request was in flight: the new tokens go onto the credential as it is then", async () => {
    const { orgId, integrationId } = await connect("asana");
    const original = await storedCredentials(integrationId);
    sim.refreshDelayMs = 1500;

    const renewal = renewUnderLease(orgId, integrationId, original.accessToken);
    // The lease is taken with the read the refresh starts from; the secret lands after it, during the token request.
    const leaseDeadline = Date.now() + 5000;
    while (!(await db().doc(`oauthRefreshLeases/${integrationId}`).get()).exists) {
      if (Date.now() > leaseDeadline) throw new Error("the refresh never took its lease");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const token = newSecret();
    await awaitHandshake(hashSecret(token), { integrationId, orgId, expireAt: new Date(Date.now() + 60_000) });
    expect(await acceptHandshakeSecret(integrationId, token, "secret-of-a-handshake-during-the-refresh", new Date())).toBe(true);
    const renewed = await renewal;

    const stored = await storedCredentials(integrationId);
    expect(stored.accessToken).not.toBe(original.accessToken);
    expect(stored.accessToken).toBe(renewed.accessToken);
    expect(acceptedWebhookSecrets(stored)).toContain("secret-of-a-handshake-during-the-refresh");
    expect(acceptedWebhookSecrets(renewed)).toContain("secret-of-a-handshake-during-the-refresh");
  });
});

it("marks the integration needs_reauth when the refresh is refused with invalid_grant", async () => {
  // A GitHub App user token: 8 hours, with a refresh token.
  sim.expiresInOverride.set("github", 28800);
  const { orgId, integrationId } = await connect("github");
  await expireIn(integrationId, 60_000);
  sim.refuseRefreshes = true;

  const res = await requestSync(orgId, integrationId);
  expect(res.status).not.toBe(200);

  const integration = (await refs.integration(orgId, integrationId).get()).data()!;
  expect(integration.status).toBe("needs_reauth");
  expect(integration.statusMessage).toMatch(/invalid_grant/);
  expect(integration.statusMessage).toMatch(/[Cc]onnect it again|connect again/);
  expect((await db().doc(`oauthRefreshLeases/${integrationId}`).get()).exists).toBe(false);
  // A new connect flow mends it.
  sim.refuseRefreshes = false;
  const flow = await runConnectFlow("github", orgId, owner.idToken, sim.apiBase("github"));
  expect(flow.result.success).toBe("true");
  expect((await refs.integration(orgId, integrationId).get()).data()!).toMatchObject({ status: "connected", statusMessage: null });
});
