/**
 * Webhook registration through the `registerWebhooks` callable, checked against simulators:
 * GitHub repository hooks with a secret we generate, Asana project webhooks whose secret arrives
 * in the X-Hook-Secret handshake the simulator makes to the emulated endpoint, Plane with no
 * API. Then the delete function disconnect uses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { loadCredentials } from "../../src/credentials/credential-store";
import { hashSecret, newSecret } from "../../src/credentials/one-time-secret";
import { acceptedWebhookSecrets } from "../../src/credentials/webhook-secret-store";
import { awaitHandshake } from "../../src/store/webhook-handshakes";
import { refs } from "../../src/store/refs";
import { deleteIntegrationWebhooks } from "../../src/webhooks/registration";
import { localKeyring, seedIntegration, seedOrg, waitFor } from "@taskbridge/emulator-support";
import { AsanaWebhooksSimulator, callCallable, fixtureBytes, FUNCTIONS_URL, GitHubSimulator, hmacSha256Hex, octokitExample, octokitSign, signUp } from "@taskbridge/simulators";
import { postWebhook } from "../support/webhooks";

function githubDelivery(secret: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(octokitExample("issues", "opened"));
  return { body, headers: { "X-GitHub-Event": "issues", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": octokitSign(secret, body) } };
}

describe("registerWebhooks", () => {
  let owner: { uid: string; idToken: string };
  let member: { uid: string; idToken: string };
  let orgId: string;

  beforeAll(async () => {
    owner = await signUp(`owner-${randomUUID()}@example.com`);
    member = await signUp(`member-${randomUUID()}@example.com`);
    orgId = await seedOrg(owner.uid, member.uid);
    // deleteIntegrationWebhooks runs in this process: it decrypts with the same key as the functions.
    process.env.TOKEN_ENCRYPTION_KEY = readFileSync(join(__dirname, "../../.secret.local"), "utf8").match(/^TOKEN_ENCRYPTION_KEY=(.*)$/m)![1]!.trim();
  });

  describe("GitHub: one repository hook per repository, signed with a secret we generate", () => {
    const sims: GitHubSimulator[] = [];
    afterAll(() => Promise.all(sims.map((sim) => sim.stop())));

    /** Two repositories on a simulator of their own and an integration on it: each test builds its own, so none relies on another's hooks. */
    async function twoRepos(): Promise<{ sim: GitHubSimulator; integrationId: string }> {
      const sim = new GitHubSimulator();
      sims.push(sim);
      await sim.start();
      sim.addRepo("acme/api");
      sim.addRepo("acme/web");
      return { sim, integrationId: await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token }) };
    }

    /** twoRepos with its hooks registered, as the second test checks in detail. */
    async function registered(): Promise<{ sim: GitHubSimulator; integrationId: string }> {
      const setup = await twoRepos();
      const res = await callCallable("registerWebhooks", { orgId, integrationId: setup.integrationId }, owner.idToken);
      expect(res.result).toMatchObject({ created: 2, registered: 2 });
      return setup;
    }

    it("is refused to a member who is not an owner, and creates nothing", async () => {
      const { sim, integrationId } = await twoRepos();
      const res = await callCallable("registerWebhooks", { orgId, integrationId }, member.idToken);
      expect(res.error?.status).toBe("PERMISSION_DENIED");
      expect(sim.hooks).toEqual([]);
    });

    it("creates the hooks, stores them encrypted, and the endpoint accepts what they sign", async () => {
      const { sim, integrationId } = await twoRepos();
      const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
      const url = `${FUNCTIONS_URL}/webhooks/github/${integrationId}`;
      expect(res.result).toEqual({ mode: "api", url, created: 2, registered: 2 });

      expect(sim.hooks.map((hook) => [hook.repo, hook.events, hook.config.url, hook.config.content_type])).toEqual([
        ["acme/api", ["issues", "issue_comment"], url, "json"],
        ["acme/web", ["issues", "issue_comment"], url, "json"],
      ]);
      const secret = sim.hooks[0]!.config.secret!;
      expect(secret).toMatch(/^[0-9a-f]{64}$/);

      const credentials = await loadCredentials(integrationId, localKeyring());
      expect(credentials.webhooks).toEqual(sim.hooks.map((hook) => ({ id: String(hook.id), scope: hook.repo, secret })));
      // Stored encrypted: the secret appears nowhere in the document as written.
      expect(JSON.stringify((await refs.credentials(integrationId).get()).data())).not.toContain(secret);

      const d = githubDelivery(secret);
      expect((await postWebhook(`github/${integrationId}`, d.body, d.headers)).body).toEqual({ status: "accepted" });
    });

    it("creates nothing more when called again", async () => {
      const { sim, integrationId } = await registered();
      const posts = sim.requests.filter((r) => r.method === "POST").length;
      const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
      expect(res.result).toMatchObject({ created: 0, registered: 2 });
      expect(sim.requests.filter((r) => r.method === "POST").length).toBe(posts);
      expect(sim.hooks).toHaveLength(2);
    });

    it("deletes them (for disconnect), after which their signature stops verifying within the secrets cache's TTL", async () => {
      const { sim, integrationId } = await registered();
      const secret = sim.hooks[0]!.config.secret!;
      expect(await deleteIntegrationWebhooks(orgId, integrationId)).toEqual({ deleted: 2 });
      expect(sim.hooks).toEqual([]);
      expect(sim.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toHaveLength(2);
      expect((await loadCredentials(integrationId, localKeyring())).webhooks).toEqual([]);
      // The endpoint's instance may still hold the secret it decrypted (store/webhook-target-cache.ts,
      // WEBHOOK_TARGET_CACHE_SECONDS = 5 on the emulators): refused within that, never later.
      const deletedAt = Date.now();
      await waitFor("the deleted webhook's signature refused", async () => {
        const d = githubDelivery(secret);
        return (await postWebhook(`github/${integrationId}`, d.body, d.headers)).status === 401 ? true : undefined;
      }, 10_000);
      expect(Date.now() - deletedAt).toBeLessThan(5000 + 1500);
    });
  });

  describe("Asana: a webhook per project, its secret taken from the handshake", () => {
    const sim = new AsanaWebhooksSimulator({ workspaces: 1, projectsPerWorkspace: 2, tasksPerProject: 1 });
    let integrationId: string;

    beforeAll(async () => {
      await sim.start();
      integrationId = await seedIntegration({
        orgId,
        provider: "asana",
        baseUrl: `${sim.baseUrl}/api/1.0`,
        token: sim.token,
        account: { id: sim.me.gid, name: sim.me.name, workspaces: sim.data.workspaces.map((w) => w.gid) },
      });
    });
    afterAll(() => sim.stop());

    it("answers each handshake, stores each secret encrypted, and accepts deliveries signed with it", async () => {
      const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
      expect(res.result).toEqual({ mode: "api", url: `${FUNCTIONS_URL}/webhooks/asana/${integrationId}`, created: 2, registered: 2 });

      expect(sim.handshakes.map((h) => [h.status, h.echoed === h.secret])).toEqual([[200, true], [200, true]]);
      // Each create's target carried its own one-time token, and each token was consumed by its handshake.
      const tokens = sim.handshakes.map((h) => new URL(h.target).searchParams.get("handshake"));
      expect(tokens.every((token) => /^[A-Za-z0-9_-]{43}$/.test(token ?? ""))).toBe(true);
      expect(new Set(tokens).size).toBe(2);
      expect(sim.hooks.map((hook) => new URL(hook.target).pathname)).toEqual([0, 1].map(() => new URL(`${FUNCTIONS_URL}/webhooks/asana/${integrationId}`).pathname));
      expect(sim.hooks.map((hook) => hook.resource).sort()).toEqual(sim.data.projects.map((p) => p.gid).sort());
      // Each webhook is recorded with its own handshake's secret, and no handshake secret is left pending.
      const credentials = await loadCredentials(integrationId, localKeyring());
      expect(credentials.webhooks).toEqual(sim.hooks.map((hook) => ({ id: hook.gid, scope: hook.resource, secret: hook.secret })));
      expect(credentials.webhookSecrets).toEqual([]);
      expect(credentials.handshakeSecrets).toEqual([]);
      // No handshake of this integration is awaited once the registration has ended.
      expect((await refs.webhookHandshakes().where("integrationId", "==", integrationId).get()).size).toBe(0);

      const body = fixtureBytes("asana", "webhooks/task-changed.json");
      expect((await postWebhook(`asana/${integrationId}`, body, { "X-Hook-Signature": hmacSha256Hex(sim.hooks[1]!.secret, body) })).body).toEqual({ status: "accepted" });
      const late = await postWebhook(`asana/${integrationId}`, "", { "X-Hook-Secret": "arrives-after-the-window" });
      expect(late.status).toBe(401);
      // A token replayed from a create's URL (Asana shows it in the webhook's target) plants nothing.
      const replayed = await postWebhook(`asana/${integrationId}?handshake=${tokens[0]}`, "", { "X-Hook-Secret": "replayed-after-the-create" });
      expect(replayed.status).toBe(401);
      expect(acceptedWebhookSecrets(await loadCredentials(integrationId, localKeyring()))).not.toContain("replayed-after-the-create");

      // Deleting the webhooks takes their secrets with them.
      await deleteIntegrationWebhooks(orgId, integrationId);
      expect(acceptedWebhookSecrets(await loadCredentials(integrationId, localKeyring()))).toEqual([]);
    });

    it("drops the secret of a handshake whose create then failed", async () => {
      sim.failCreatesAfterHandshake = 1;
      const handshakesBefore = sim.handshakes.length;
      const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
      expect(res.status).toBeGreaterThanOrEqual(400);
      const made = sim.handshakes.slice(handshakesBefore);
      expect(made.map((h) => h.status)).toEqual([200]);
      const credentials = await loadCredentials(integrationId, localKeyring());
      expect(acceptedWebhookSecrets(credentials)).not.toContain(made[0]!.secret);
      expect(credentials.handshakeSecrets).toEqual([]);
      expect(credentials.webhooks).toEqual([]);
      expect((await refs.webhookHandshakes().where("integrationId", "==", integrationId).get()).size).toBe(0);
    });
  });

  describe("Asana: a handshake from anyone but the provider of a create in flight plants nothing", () => {
    let integrationId: string;

    beforeAll(async () => {
      integrationId = await seedIntegration({ orgId, provider: "asana", baseUrl: "http://127.0.0.1:9/api/1.0", token: "asana-pat", account: { id: "u", name: null, workspaces: ["w"] } });
    });

    /** What registration.ts does before each create: await a handshake under a fresh token's hash. */
    async function awaitedToken(forIntegration: string, expiresInMs = 60_000): Promise<string> {
      const token = newSecret();
      await awaitHandshake(hashSecret(token), { integrationId: forIntegration, orgId, expireAt: new Date(Date.now() + expiresInMs) });
      return token;
    }

    it("refuses handshakes without the awaited token, with another's, twice, or late, while a create waits", async () => {
      const waiting = await awaitedToken(integrationId);
      const othersToken = await awaitedToken("another-integration");
      const lateToken = await awaitedToken(integrationId, -1);
      const attempts = [
        "",
        `?handshake=${newSecret()}`,
        `?handshake=${othersToken}`,
        `?handshake=${lateToken}`,
        `?handshake=${waiting}&handshake=${waiting}`,
        `?handshake=${waiting.slice(0, 20)}`,
      ];
      for (const query of attempts) {
        const res = await postWebhook(`asana/${integrationId}${query}`, "", { "X-Hook-Secret": "planted-by-someone" });
        expect([query, res.status, res.headers.get("x-hook-secret")]).toEqual([query, 401, null]);
        expect(res.body?.reason).toMatch(/waiting for a handshake at this URL/);
      }
      expect(acceptedWebhookSecrets(await loadCredentials(integrationId, localKeyring()))).not.toContain("planted-by-someone");
      const body = fixtureBytes("asana", "webhooks/task-changed.json");
      expect((await postWebhook(`asana/${integrationId}`, body, { "X-Hook-Signature": hmacSha256Hex("planted-by-someone", body) })).status).toBe(401);

      // The create's own handshake still goes through, once.
      const answered = await postWebhook(`asana/${integrationId}?handshake=${waiting}`, "", { "X-Hook-Secret": "the-providers-secret" });
      expect([answered.status, answered.headers.get("x-hook-secret")]).toEqual([200, "the-providers-secret"]);
      const again = await postWebhook(`asana/${integrationId}?handshake=${waiting}`, "", { "X-Hook-Secret": "planted-with-a-seen-token" });
      expect(again.status).toBe(401);
      const secrets = acceptedWebhookSecrets(await loadCredentials(integrationId, localKeyring()));
      expect(secrets).toContain("the-providers-secret");
      expect(secrets).not.toContain("planted-with-a-seen-token");
      expect((await refs.webhookHandshake(hashSecret(waiting)).get()).exists).toBe(false);
    });
  });

  it("Plane has no webhook API: answers with the URL to paste into Plane", async () => {
    const integrationId = await seedIntegration({ orgId, provider: "plane", baseUrl: "http://127.0.0.1:9", token: "plane_api_x", account: { id: "u", name: null, workspaces: ["acme"] } });
    const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
    expect(res.result).toEqual({ mode: "manual", url: `${FUNCTIONS_URL}/webhooks/plane/${integrationId}`, created: 0, registered: 0 });
  });
});
