/**
 * The syncRuns trigger is delivered at least once. Delivering the same event twice (same event
 * id) must leave the org's counts and the integration's sync state exact. The emulator's own
 * trigger delivery is paused so that only the deliveries made here count.
 */
import type { DocumentSnapshot } from "firebase-admin/firestore";
import { refs } from "../../src/store/refs";
import { onSyncRunWritten } from "../../src/sync/functions";
import { seedIntegration, seedOrg } from "../support/seed";
import { syncRunFixture } from "../support/sync-run-fixture";

const HUB = process.env.FIREBASE_EMULATOR_HUB ?? "127.0.0.1:4400";

async function setBackgroundTriggers(enabled: boolean): Promise<void> {
  const res = await fetch(`http://${HUB}/functions/${enabled ? "enable" : "disable"}BackgroundTriggers`, { method: "PUT" });
  if (!res.ok) throw new Error(`emulator hub answered ${res.status}`);
}

async function deliver(eventId: string, orgId: string, runId: string, before: DocumentSnapshot, after: DocumentSnapshot): Promise<void> {
  const event = { id: eventId, params: { orgId, runId }, data: { before, after } };
  await (onSyncRunWritten as unknown as { run(e: unknown): Promise<void> }).run(event);
}

describe("syncRuns trigger delivered twice", () => {
  beforeAll(() => setBackgroundTriggers(false));
  afterAll(() => setBackgroundTriggers(true));

  it("keeps the org counts and the integration state exact", async () => {
    const orgId = await seedOrg("owner-trigger");
    const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t" });
    const ref = refs.syncRun(orgId, "run-twice").withConverter(null);
    const now = new Date();
    const run = syncRunFixture({ integrationId, projectId: "p" });

    const missing = await ref.get();
    await refs.syncRun(orgId, "run-twice").set(run);
    const pending = await ref.get();
    await deliver("event-create", orgId, "run-twice", missing, pending);
    await deliver("event-create", orgId, "run-twice", missing, pending);
    expect((await refs.syncStats(orgId).get()).data()).toEqual({ pending: 1, running: 0 });
    expect((await refs.integration(orgId, integrationId).get()).data()!.syncState.status).toBe("syncing");

    await ref.update({ status: "running", startedAt: now });
    const running = await ref.get();
    await deliver("event-start", orgId, "run-twice", pending, running);
    await deliver("event-start", orgId, "run-twice", pending, running);
    expect((await refs.syncStats(orgId).get()).data()).toEqual({ pending: 0, running: 1 });

    await ref.update({ status: "completed", finishedAt: new Date() });
    const completed = await ref.get();
    await deliver("event-end", orgId, "run-twice", running, completed);
    await deliver("event-end", orgId, "run-twice", running, completed);
    expect((await refs.syncStats(orgId).get()).data()).toEqual({ pending: 0, running: 0 });
    const state = (await refs.integration(orgId, integrationId).get()).data()!.syncState;
    expect(state.status).toBe("idle");
    expect(state.lastSuccessAt).toEqual(completed.get("finishedAt").toDate());
  });
});
