/**
 * The syncRuns trigger is delivered at least once. Delivering the same event twice (same event
 * id) must leave the org's counts and the integration's sync state exact, and so must an event
 * whose first attempt failed. The emulator's own trigger delivery is paused so that only the
 * deliveries made here count.
 */
import { Firestore, WriteBatch, type DocumentSnapshot } from "firebase-admin/firestore";
import { refs } from "../../src/store/refs";
import { onSyncRunWritten } from "../../src/sync/functions";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
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

/**
 * Delivers one event the way Eventarc does (the emulator never retries, see firebase-notes):
 * an attempt that throws is delivered again with the same id only when the trigger is deployed
 * with `retry: true`; without it the failure is dropped. Reads the option from the function's
 * own deployment manifest, so the test follows what `firebase deploy` would configure.
 */
async function deliverAsEventarc(eventId: string, orgId: string, runId: string, before: DocumentSnapshot, after: DocumentSnapshot): Promise<number> {
  const endpoint = (onSyncRunWritten as unknown as { __endpoint: { eventTrigger?: { retry?: boolean } } }).__endpoint;
  const retried = endpoint.eventTrigger?.retry === true;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deliver(eventId, orgId, runId, before, after);
      return attempt;
    } catch {
      if (!retried || attempt >= 5) return attempt;
    }
  }
}

/** What a Firestore blip looks like to the client: gRPC UNAVAILABLE. */
const unavailable = () => Object.assign(new Error("14 UNAVAILABLE: injected by the test"), { code: 14 });

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

describe("syncRuns trigger whose first attempt throws", () => {
  beforeAll(() => setBackgroundTriggers(false));
  afterAll(() => setBackgroundTriggers(true));
  afterEach(() => jest.restoreAllMocks());

  /*
   * The fault is injected in this test process only (the trigger runs here through `run`, against
   * the emulator's Firestore): one commit or transaction fails as a real Firestore blip would. A
   * deployment has no switch that could do this.
   */
  async function createdRun(owner: string) {
    const orgId = await seedOrg(owner);
    const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t" });
    const ref = refs.syncRun(orgId, "run-fault").withConverter(null);
    const missing = await ref.get();
    await refs.syncRun(orgId, "run-fault").set(syncRunFixture({ integrationId, projectId: "p" }));
    return { orgId, integrationId, missing, pending: await ref.get() };
  }

  it("ends with exact counts when the count write itself failed once (retried)", async () => {
    const { orgId, integrationId, missing, pending } = await createdRun("owner-fault-1");
    jest.spyOn(WriteBatch.prototype, "commit").mockRejectedValueOnce(unavailable());
    expect(await deliverAsEventarc("event-fault-1", orgId, "run-fault", missing, pending)).toBe(2);
    expect((await refs.syncStats(orgId).get()).data()).toEqual({ pending: 1, running: 0 });
    expect((await refs.integration(orgId, integrationId).get()).data()!.syncState.status).toBe("syncing");
  });

  it("ends with exact counts when it failed after the counts were written (the retry does not count twice)", async () => {
    const { orgId, integrationId, missing, pending } = await createdRun("owner-fault-2");
    // The counts batch commits; the sync-state transaction after it fails once.
    jest.spyOn(Firestore.prototype, "runTransaction").mockRejectedValueOnce(unavailable());
    expect(await deliverAsEventarc("event-fault-2", orgId, "run-fault", missing, pending)).toBe(2);
    expect((await refs.syncStats(orgId).get()).data()).toEqual({ pending: 1, running: 0 });
    expect((await refs.integration(orgId, integrationId).get()).data()!.syncState.status).toBe("syncing");
  });
});
