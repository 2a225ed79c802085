/**
 * The `webhooks` endpoint on the emulators: real payloads (the provider fixtures and
 * @octokit/webhooks-examples), signed by code we did not write (@octokit/webhooks-methods for
 * GitHub) or by the documented algorithm (node:crypto HMAC-SHA256 for the others). Every bad
 * input gets its status and a reason, and writes nothing.
 */
import { randomUUID } from "node:crypto";
import type { Timestamp } from "firebase-admin/firestore";
import type { ProviderId } from "../../src/domain/provider-id";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { localKeyring, seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { fixtureBytes, hmacSha256Hex, octokitExample, octokitSign } from "@taskbridge/simulators";
import { deleteCredentials, saveCredentials } from "../../src/credentials/credential-store";
import { postWebhook, waitForProcessed, writeSnapshot } from "../support/webhooks";

const NEW_SECRET = "whsec-new-6b1d9c0e4f2a8b3c";
const OLD_SECRET = "whsec-old-0a9b8c7d6e5f4a3b";

/** A Linear delivery is only good within 60 s of its webhookTimestamp: re-date the fixture to now. */
function freshLinear(name: string, at = Date.now()): Buffer {
  const body = JSON.parse(fixtureBytes("linear", name).toString("utf8")) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...body, webhookTimestamp: at }));
}

interface Delivery {
  body: Buffer;
  headers: Record<string, string>;
}

/** One signed, real delivery per provider. */
function signedDelivery(provider: ProviderId, secret: string): Delivery {
  switch (provider) {
    case "github": {
      const body = Buffer.from(JSON.stringify(octokitExample("issues", "opened")));
      return { body, headers: { "X-GitHub-Event": "issues", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": octokitSign(secret, body.toString("utf8")) } };
    }
    case "clickup": {
      const body = fixtureBytes("clickup", "webhooks/taskStatusUpdated.json");
      return { body, headers: { "X-Signature": hmacSha256Hex(secret, body) } };
    }
    case "plane": {
      const body = fixtureBytes("plane", "webhook-v2-workitem-updated.json");
      return { body, headers: { "X-Plane-Event": "issue", "X-Plane-Delivery": randomUUID(), "X-Plane-Signature": hmacSha256Hex(secret, body) } };
    }
    case "asana": {
      const body = fixtureBytes("asana", "webhooks/task-changed.json");
      return { body, headers: { "X-Hook-Signature": hmacSha256Hex(secret, body) } };
    }
    case "linear": {
      const body = freshLinear("webhook-issue-update.json");
      return { body, headers: { "Linear-Event": "Issue", "Linear-Delivery": randomUUID(), "Linear-Signature": hmacSha256Hex(secret, body) } };
    }
  }
}

/** The delivery id each provider's retry keeps (providers.md §0), to find the record. */
function deliveryIdOf(provider: ProviderId, delivery: Delivery): string {
  const body = JSON.parse(delivery.body.toString("utf8")) as Record<string, unknown>;
  if (provider === "github") return delivery.headers["X-GitHub-Delivery"]!;
  if (provider === "linear") return delivery.headers["Linear-Delivery"]!;
  if (provider === "plane") return String(body.event_id);
  throw new Error(`look ${provider} deliveries up by integration instead`);
}

const PROVIDERS: ProviderId[] = ["github", "clickup", "plane", "asana", "linear"];

describe("webhooks endpoint", () => {
  let orgId: string;
  const integrations = {} as Record<ProviderId, string>;
  let unsecured: string;

  beforeAll(async () => {
    orgId = await seedOrg("owner-webhooks");
    for (const provider of PROVIDERS) {
      // The applier runs after each accepted delivery; an empty selection keeps it from calling a provider.
      integrations[provider] = await seedIntegration({ orgId, provider, baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: [NEW_SECRET, OLD_SECRET] });
      await refs.integration(orgId, integrations[provider]).withConverter(null).update({ projectSelection: [] });
    }
    unsecured = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: [] });
  });

  it.each(PROVIDERS)("accepts a %s delivery signed with the current secret, records it for 7 days and hands it to the applier", async (provider) => {
    const delivery = signedDelivery(provider, NEW_SECRET);
    const before = await writeSnapshot(orgId, integrations[provider]);
    const res = await postWebhook(`${provider}/${integrations[provider]}`, delivery.body, delivery.headers);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { status: "accepted" } });
    // Step timings leave the process only in the bench (TASKBRIDGE_WEBHOOK_TIMING=1), never on request.
    expect(res.headers.get("server-timing")).toBeNull();
    expect((await writeSnapshot(orgId, integrations[provider])).deliveries).toBe(before.deliveries + 1);

    const records = await db().collection("webhookDeliveries").where("integrationId", "==", integrations[provider]).get();
    const record = records.docs
      .map((doc) => doc.data() as { provider: string; deliveryId: string; receivedAt: Timestamp; expireAt: Timestamp; processed: boolean })
      .sort((a, b) => b.receivedAt.toMillis() - a.receivedAt.toMillis())[0]!;
    expect(record).toMatchObject({ provider, processed: expect.any(Boolean) });
    expect(record.expireAt.toMillis() - record.receivedAt.toMillis()).toBe(7 * 24 * 3600 * 1000);
    await waitForProcessed(provider, integrations[provider], record.deliveryId);
  });

  it("accepts a delivery signed with the previous secret while it rotates", async () => {
    const delivery = signedDelivery("github", OLD_SECRET);
    const res = await postWebhook(`github/${integrations.github}`, delivery.body, delivery.headers);
    expect(res.status).toBe(200);
    await waitForProcessed("github", integrations.github, deliveryIdOf("github", delivery));
  });

  it("answers the same delivery three times with one record and one application", async () => {
    // Not the fixture the first test sent: its event_id is already recorded.
    const body = fixtureBytes("plane", "webhook-v2-workitem-created.json");
    const delivery: Delivery = { body, headers: { "X-Plane-Signature": hmacSha256Hex(NEW_SECRET, body) } };
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      // Plane signs each retry anew and gives it a new X-Plane-Delivery; the body's event_id stays.
      answers.push((await postWebhook(`plane/${integrations.plane}`, delivery.body, { ...delivery.headers, "X-Plane-Delivery": randomUUID() })).body);
    }
    expect(answers).toEqual([{ status: "accepted" }, { status: "duplicate" }, { status: "duplicate" }]);
    const id = deliveryIdOf("plane", delivery);
    await waitForProcessed("plane", integrations.plane, id);
    expect((await refs.webhookDelivery("plane", integrations.plane, id).get()).exists).toBe(true);
  });

  it("accepts the same event for two orgs' integrations: deliveries are deduplicated per integration", async () => {
    // Asana sends no delivery id, so identical events (two orgs watching one project) hash alike.
    const otherOrg = await seedOrg("owner-webhooks-other");
    const other = await seedIntegration({ orgId: otherOrg, provider: "asana", baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: [NEW_SECRET] });
    await refs.integration(otherOrg, other).withConverter(null).update({ projectSelection: [] });
    const body = fixtureBytes("asana", "webhooks/task-added-to-project.json");
    const headers = { "X-Hook-Signature": hmacSha256Hex(NEW_SECRET, body) };
    const first = await postWebhook(`asana/${integrations.asana}`, body, headers);
    const second = await postWebhook(`asana/${other}`, body, headers);
    const repeat = await postWebhook(`asana/${other}`, body, headers);
    expect([first.body, second.body, repeat.body]).toEqual([{ status: "accepted" }, { status: "accepted" }, { status: "duplicate" }]);
  });

  it("accepts one of five identical deliveries sent at once: the record's create() is the dedup", async () => {
    const delivery = signedDelivery("github", NEW_SECRET);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(`github/${integrations.github}`, delivery.body, delivery.headers)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.body?.status).sort()).toEqual(["accepted", "duplicate", "duplicate", "duplicate", "duplicate"]);
    const id = deliveryIdOf("github", delivery);
    await waitForProcessed("github", integrations.github, id);
    expect((await refs.webhookDelivery("github", integrations.github, id).get()).data()).toMatchObject({ processed: true, applications: 1 });
  });

  describe("cached secrets (WEBHOOK_TARGET_CACHE_SECONDS=5 on the emulators)", () => {
    const TTL_MS = 5000;

    /** A fresh integration signed with OLD_SECRET, already cached by the instance that answered its first delivery. */
    async function cachedIntegration(): Promise<string> {
      const id = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: [OLD_SECRET] });
      await refs.integration(orgId, id).withConverter(null).update({ projectSelection: [] });
      expect(await send(id, OLD_SECRET)).toBe(200);
      return id;
    }

    async function send(id: string, secret: string): Promise<number> {
      const d = signedDelivery("github", secret);
      return (await postWebhook(`github/${id}`, d.body, d.headers)).status;
    }

    /** The secrets replaced as another instance would (a re-registration, a reconnect with a new secret). */
    async function rotate(id: string, secrets: string[]): Promise<void> {
      await saveCredentials(id, { orgId, provider: "github", authKind: "personal", accessToken: "t", refreshToken: null, accessTokenExpiresAt: null, webhookSecrets: secrets }, localKeyring());
    }

    it("stops accepting a removed secret once the cache entry has expired", async () => {
      const id = await cachedIntegration();
      await rotate(id, [NEW_SECRET]);
      await new Promise((resolve) => setTimeout(resolve, TTL_MS + 500));
      expect(await send(id, OLD_SECRET)).toBe(401);
      expect(await send(id, NEW_SECRET)).toBe(200);
    });

    it("refuses a disconnected integration's deliveries once the cache entry has expired, and applies none before", async () => {
      const id = await cachedIntegration();
      // What disconnectIntegration leaves, done from here as another instance would.
      await refs.integration(orgId, id).withConverter(null).update({ status: "disconnected" });
      await deleteCredentials(id);
      const d = signedDelivery("github", OLD_SECRET);
      const early = await postWebhook(`github/${id}`, d.body, d.headers);
      if (early.status === 200) {
        // Still cached by the instance that answered: recorded, but the applier skips it.
        const deliveryId = deliveryIdOf("github", d);
        await waitForProcessed("github", id, deliveryId);
        expect((await refs.webhookDelivery("github", id, deliveryId).get()).data()?.outcomes).toEqual(["not-connected"]);
      } else {
        expect(early.status).toBe(404);
      }
      await new Promise((resolve) => setTimeout(resolve, TTL_MS + 500));
      expect(await send(id, OLD_SECRET)).toBe(404);
    });

    // The emulator hands each request to the first idle worker process, so these sequential
    // deliveries reach the instance that cached the integration.
    it("reads a cached entry again ahead of its expiry: a delivery in the last third of the TTL starts it, and the removed secret is refused before the entry would have expired", async () => {
      const id = await cachedIntegration();
      const cachedAt = Date.now(); // the entry's read began before this, so it expires before cachedAt + TTL_MS
      await rotate(id, [NEW_SECRET]);
      const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, cachedAt + ms - Date.now())));
      await until(TTL_MS * 0.7);
      expect(await send(id, OLD_SECRET)).toBe(200); // still cached; this answer starts the refresh
      await until(TTL_MS * 0.84);
      expect(await send(id, OLD_SECRET)).toBe(401); // the entry the refresh stored no longer holds it
      expect(await send(id, NEW_SECRET)).toBe(200);
    });

    it("accepts a newly added secret at once: cached secrets that do not verify are read again", async () => {
      const id = await cachedIntegration();
      await rotate(id, [NEW_SECRET]);
      expect(await send(id, NEW_SECRET)).toBe(200);
    });
  });

  describe("fails closed: each bad input gets its status and a reason, and writes nothing", () => {
    const cases: Array<[string, () => Promise<{ status: number; reason: RegExp; integration: () => string }>]> = [
      ["a GET", async () => {
        const res = await postWebhook(`github/${integrations.github}`, "", {}, "GET");
        return { status: res.status, reason: expectReason(res.body, /only POST/), integration: () => integrations.github };
      }],
      ["an unknown provider", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook(`jira/${integrations.github}`, d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown provider/), integration: () => integrations.github };
      }],
      ["an unknown integration", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook("github/int-does-not-exist", d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown integration/), integration: () => integrations.github };
      }],
      ["an integration of another provider", async () => {
        const d = signedDelivery("clickup", NEW_SECRET);
        const res = await postWebhook(`clickup/${integrations.github}`, d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown integration/), integration: () => integrations.github };
      }],
      ["an integration with no secret configured", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook(`github/${unsecured}`, d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /no webhook secret is configured/), integration: () => unsecured };
      }],
      ...PROVIDERS.map((provider): [string, () => Promise<{ status: number; reason: RegExp; integration: () => string }>] => [
        `a ${provider} delivery signed with a wrong secret`,
        async () => {
          const d = signedDelivery(provider, "not-the-secret");
          const res = await postWebhook(`${provider}/${integrations[provider]}`, d.body, d.headers);
          return { status: res.status, reason: expectReason(res.body, /does not match/), integration: () => integrations[provider] };
        },
      ]),
      ["a delivery without a signature", async () => {
        const d = signedDelivery("clickup", NEW_SECRET);
        const res = await postWebhook(`clickup/${integrations.clickup}`, d.body, {});
        return { status: res.status, reason: expectReason(res.body, /X-Signature: the signature header is missing/), integration: () => integrations.clickup };
      }],
      ["a body altered after signing", async () => {
        const d = signedDelivery("asana", NEW_SECRET);
        const altered = Buffer.from(d.body.toString("utf8").replace("changed", "deleted"));
        const res = await postWebhook(`asana/${integrations.asana}`, altered, d.headers);
        return { status: res.status, reason: expectReason(res.body, /does not match/), integration: () => integrations.asana };
      }],
      ["a Linear delivery whose webhookTimestamp is stale (a replay)", async () => {
        const body = freshLinear("webhook-issue-update.json", Date.now() - 5 * 60_000);
        const res = await postWebhook(`linear/${integrations.linear}`, body, { "Linear-Delivery": randomUUID(), "Linear-Signature": hmacSha256Hex(NEW_SECRET, body) });
        return { status: res.status, reason: expectReason(res.body, /webhookTimestamp is more than 60 s from now/), integration: () => integrations.linear };
      }],
      ["a signed body that is not JSON", async () => {
        const body = "event=taskCreated&task_id=1";
        const res = await postWebhook(`clickup/${integrations.clickup}`, body, { "content-type": "text/plain", "X-Signature": hmacSha256Hex(NEW_SECRET, body) });
        return { status: res.status, reason: expectReason(res.body, /not JSON/), integration: () => integrations.clickup };
      }],
      ["a signed body that does not match the schema", async () => {
        const body = JSON.stringify({ event: "taskUpdated", history_items: "not a list" });
        const res = await postWebhook(`clickup/${integrations.clickup}`, body, { "X-Signature": hmacSha256Hex(NEW_SECRET, body) });
        return { status: res.status, reason: expectReason(res.body, /clickup webhook: .*history_items/), integration: () => integrations.clickup };
      }],
      ["a body over the size bound", async () => {
        const body = JSON.stringify({ events: [], padding: "x".repeat(1024 * 1024 + 10) });
        const res = await postWebhook(`asana/${integrations.asana}`, body, { "X-Hook-Signature": hmacSha256Hex(NEW_SECRET, body) });
        return { status: res.status, reason: expectReason(res.body, /larger than 1048576 bytes/), integration: () => integrations.asana };
      }],
      ["a Firestore-reserved id as the integration (__name__)", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook("github/__name__", d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown integration: an integration id is/), integration: () => integrations.github };
      }],
      ["another __…__ id as the integration", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook("github/__x-1__", d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown integration: an integration id is/), integration: () => integrations.github };
      }],
      ["an integration id of 2,000 characters", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook(`github/${"i".repeat(2000)}`, d.body, d.headers);
        return { status: res.status, reason: expectReason(res.body, /unknown integration/), integration: () => integrations.github };
      }],
      ["a signed delivery with a 2,000-character delivery id", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook(`github/${integrations.github}`, d.body, { ...d.headers, "X-GitHub-Delivery": "d".repeat(2000) });
        return { status: res.status, reason: expectReason(res.body, /delivery id is longer than 300 characters/), integration: () => integrations.github };
      }],
      ["a signed delivery whose delivery id has a space", async () => {
        const d = signedDelivery("github", NEW_SECRET);
        const res = await postWebhook(`github/${integrations.github}`, d.body, { ...d.headers, "X-GitHub-Delivery": "not a guid" });
        return { status: res.status, reason: expectReason(res.body, /visible ASCII/), integration: () => integrations.github };
      }],
      ["a body over the size bound to an integration that does not exist (the bound comes before any lookup)", async () => {
        const body = JSON.stringify({ events: [], padding: "x".repeat(1024 * 1024 + 10) });
        const res = await postWebhook("asana/int-does-not-exist", body, { "X-Hook-Signature": hmacSha256Hex(NEW_SECRET, body) });
        return { status: res.status, reason: expectReason(res.body, /larger than 1048576 bytes/), integration: () => integrations.asana };
      }],
      ["an Asana handshake when no registration waits for one", async () => {
        const res = await postWebhook(`asana/${integrations.asana}`, "", { "X-Hook-Secret": "planted-by-someone" });
        expect(res.headers.get("x-hook-secret")).toBeNull();
        return { status: res.status, reason: expectReason(res.body, /waiting for a handshake at this URL/), integration: () => integrations.asana };
      }],
    ];
    const expected: Record<string, number> = {
      "a GET": 405,
      "an unknown provider": 404,
      "an unknown integration": 404,
      "an integration of another provider": 404,
      "a signed body that is not JSON": 400,
      "a signed body that does not match the schema": 400,
      "a body over the size bound": 413,
      "a Firestore-reserved id as the integration (__name__)": 404,
      "another __…__ id as the integration": 404,
      "an integration id of 2,000 characters": 404,
      "a signed delivery with a 2,000-character delivery id": 400,
      "a signed delivery whose delivery id has a space": 400,
      "a body over the size bound to an integration that does not exist (the bound comes before any lookup)": 413,
    };

    it.each(cases)("%s", async (name, send) => {
      // Snapshot every integration's records: a misrouted delivery must not land on another one either.
      const all = [...Object.values(integrations), unsecured];
      const before = await Promise.all(all.map((id) => writeSnapshot(orgId, id)));
      const result = await send();
      expect(result.status).toBe(expected[name] ?? 401);
      expect(await Promise.all(all.map((id) => writeSnapshot(orgId, id)))).toEqual(before);
    });
  });
});

function expectReason(body: { status?: string; reason?: string } | null, pattern: RegExp): RegExp {
  expect(body?.status).toBe("rejected");
  expect(body?.reason).toMatch(pattern);
  return pattern;
}
