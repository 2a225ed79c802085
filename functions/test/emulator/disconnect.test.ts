/**
 * disconnectIntegration on the emulators: revocation at the provider, credentials, tasks (more
 * than one batch of them), projects and pending runs, and only the owner may do it.
 */
import { randomUUID } from "node:crypto";
import { type SyncRun } from "../../src/domain/sync-run";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { localOAuthClients, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, OAuthSimulator, signUp } from "@taskbridge/simulators";
import { integrationsOf, runConnectFlow, waitForConnectListings } from "../support/oauth";
import { syncRunFixture } from "../support/sync-run-fixture";

const sim = new OAuthSimulator(localOAuthClients());
let owner: { uid: string; idToken: string };
let member: { uid: string; idToken: string };

beforeAll(async () => {
  await sim.start();
  owner = await signUp(`disconnect-owner-${Date.now()}@example.com`);
  member = await signUp(`disconnect-member-${Date.now()}@example.com`);
});
afterAll(() => sim.stop());

/** Raw task documents: disconnect selects them by integrationId only. */
async function seedTasks(orgId: string, integrationId: string, count: number): Promise<void> {
  const writer = db().bulkWriter();
  for (let i = 0; i < count; i += 1) {
    void writer.set(db().doc(`orgs/${orgId}/tasks/asana:${integrationId}-${i}`), { integrationId, title: `Task ${i}`, deleted: false });
  }
  await writer.close();
}

function pendingRun(integrationId: string): SyncRun {
  return syncRunFixture({ integrationId, provider: "asana", projectId: "p1", projectName: "Project one", deadlineAt: null });
}

async function countTasks(orgId: string, integrationId: string): Promise<number> {
  return (await db().collection(`orgs/${orgId}/tasks`).where("integrationId", "==", integrationId).count().get()).data().count;
}

it("revokes the grant and removes credentials, tasks beyond one batch, projects and pending runs", async () => {
  const orgId = await seedOrg(owner.uid, member.uid);
  const before = sim.apiRequests.length;
  const flow = await runConnectFlow("asana", orgId, owner.idToken, sim.apiBase("asana"));
  expect(flow.result.success).toBe("true");
  const [integration] = await integrationsOf(orgId);
  const integrationId = integration!.id;
  await waitForConnectListings(sim, "asana", before);
  const refreshToken = sim.issued.filter((t) => t.provider === "asana").at(-1)!.refreshToken!;

  await seedTasks(orgId, integrationId, 1050);
  await seedTasks(orgId, "another-integration", 3);
  await db().doc(`orgs/${orgId}/integrations/${integrationId}/projects/p1`).set({ name: "Project one" });
  const runId = `run-${randomUUID()}`;
  await refs.syncRun(orgId, runId).set(pendingRun(integrationId));

  const refused = await callCallable("disconnectIntegration", { orgId, integrationId }, member.idToken);
  expect(refused.error?.status).toBe("PERMISSION_DENIED");
  expect((await db().doc(`credentials/${integrationId}`).get()).exists).toBe(true);

  const res = await callCallable("disconnectIntegration", { orgId, integrationId }, owner.idToken);
  expect(res.status).toBe(200);
  expect(res.result).toMatchObject({ revoked: true, runsCancelled: 1, tasksDeleted: 1050, projectsDeleted: 1 });

  // Revoked at the provider with the refresh token (Asana revokes the grant by it), client authenticated.
  const revocation = sim.revoked.at(-1)!;
  expect(revocation).toMatchObject({ provider: "asana", token: refreshToken });
  expect(revocation.params.client_secret).toBe(localOAuthClients().asana.clientSecret);

  expect((await refs.integration(orgId, integrationId).get()).data()).toMatchObject({ status: "disconnected" });
  expect((await db().doc(`credentials/${integrationId}`).get()).exists).toBe(false);
  expect(await countTasks(orgId, integrationId)).toBe(0);
  expect(await countTasks(orgId, "another-integration")).toBe(3);
  expect((await refs.projects(orgId, integrationId).get()).empty).toBe(true);
  expect((await refs.syncRun(orgId, runId).get()).data()).toMatchObject({ status: "cancelled" });

  // A sync request for it now starts nothing.
  const sync = await callCallable("requestSync", { orgId, integrationId }, owner.idToken);
  expect(sync.error?.status).toBe("FAILED_PRECONDITION");
});

it("disconnects a personal-token integration without a revocation, and can be called again", async () => {
  const orgId = await seedOrg(owner.uid);
  sim.addPersonalToken("github", "ghp_to_disconnect_0123456789");
  const connected = await callCallable("connectWithToken", { orgId, provider: "github", token: "ghp_to_disconnect_0123456789", baseUrl: sim.apiBase("github") }, owner.idToken);
  const { integrationId } = connected.result as { integrationId: string };
  const revocationsBefore = sim.revoked.length;

  const first = await callCallable("disconnectIntegration", { orgId, integrationId }, owner.idToken);
  expect(first.result).toMatchObject({ revoked: false, tasksDeleted: 0 });
  expect(sim.revoked.length).toBe(revocationsBefore);
  const again = await callCallable("disconnectIntegration", { orgId, integrationId }, owner.idToken);
  expect(again.status).toBe(200);
  expect((await db().doc(`credentials/${integrationId}`).get()).exists).toBe(false);

  const missing = await callCallable("disconnectIntegration", { orgId, integrationId: "no-such-integration" }, owner.idToken);
  expect(missing.error?.status).toBe("NOT_FOUND");
});
