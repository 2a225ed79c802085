/**
 * The `cleanup` body on the emulators (the emulator never fires schedules): expired documents go
 * (the emulator has no TTL), live ones stay, and runs stuck past their deadline are failed so the
 * org's counts come unstuck.
 */
import { randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { type SyncRun } from "../../src/domain/sync-run";
import { cleanup } from "../../src/maintenance/cleanup";
import { EXPIRING_COLLECTIONS } from "../../src/store/refs";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { seedOrg, waitFor } from "@taskbridge/emulator-support";
import { syncRunFixture } from "../support/sync-run-fixture";

const now = new Date();
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

function run(status: SyncRun["status"], deadlineAt: Date): SyncRun {
  return syncRunFixture({ integrationId: "int-stale", status, trigger: "scheduled", createdAt: minutes(-300), startedAt: status === "running" ? minutes(-290) : null, deadlineAt });
}

describe("cleanup", () => {
  it("deletes expired documents of every expiring collection, in pages, and keeps live ones", async () => {
    const tag = randomUUID().slice(0, 8);
    for (const collection of EXPIRING_COLLECTIONS) {
      const batch = db().batch();
      for (let i = 0; i < 450; i += 1) batch.set(db().doc(`${collection}/${tag}-old-${i}`), { expireAt: Timestamp.fromDate(minutes(-1)) });
      batch.set(db().doc(`${collection}/${tag}-live`), { expireAt: Timestamp.fromDate(minutes(60)) });
      await batch.commit();
    }
    const report = await cleanup(now);
    for (const collection of EXPIRING_COLLECTIONS) {
      expect(report.expired[collection]).toBeGreaterThanOrEqual(450);
      expect((await db().doc(`${collection}/${tag}-old-0`).get()).exists).toBe(false);
      expect((await db().doc(`${collection}/${tag}-old-449`).get()).exists).toBe(false);
      expect((await db().doc(`${collection}/${tag}-live`).get()).exists).toBe(true);
    }
  });

  it("fails runs left pending or running past their deadline, and the counts return to zero", async () => {
    const orgId = await seedOrg("owner-cleanup");
    await refs.syncRun(orgId, "stale-running").set(run("running", minutes(-10)));
    await refs.syncRun(orgId, "stale-pending").set(run("pending", minutes(-10)));
    await refs.syncRun(orgId, "alive").set(run("running", minutes(30)));
    await waitFor("the trigger's counts", async () => {
      const stats = (await refs.syncStats(orgId).get()).data();
      return stats?.running === 2 && stats.pending === 1 ? stats : undefined;
    });

    await cleanup(now);
    expect((await refs.syncRun(orgId, "stale-running").get()).data()).toMatchObject({ status: "failed", error: expect.stringMatching(/past its deadline/) });
    expect((await refs.syncRun(orgId, "stale-pending").get()).data()!.status).toBe("failed");
    expect((await refs.syncRun(orgId, "alive").get()).data()!.status).toBe("running");
    await waitFor("counts without the stale runs", async () => {
      const stats = (await refs.syncStats(orgId).get()).data();
      return stats?.running === 1 && stats.pending === 0 ? stats : undefined;
    });
  });

  it("fails runs parked on a wait further ahead than any provider may ask, and keeps one resuming within the hour", async () => {
    const orgId = await seedOrg("owner-cleanup-parked");
    // What a continuation for `Retry-After: 999999999` left behind before waits were capped.
    const year2058 = new Date(Date.UTC(2058, 0, 1));
    await refs.syncRun(orgId, "parked-running").set(run("running", year2058));
    await refs.syncRun(orgId, "parked-pending").set(run("pending", year2058));
    // A continuation an hour ahead (the longest wait) plus its progress deadline: still alive.
    await refs.syncRun(orgId, "resuming").set(run("running", minutes(119)));
    await waitFor("the trigger's counts", async () => {
      const stats = (await refs.syncStats(orgId).get()).data();
      return stats?.running === 2 && stats.pending === 1 ? stats : undefined;
    });

    await cleanup(now);
    expect((await refs.syncRun(orgId, "parked-running").get()).data()).toMatchObject({
      status: "failed",
      error: "the sync was set to wait until 2058-01-01T00:00:00.000Z (" + Math.floor((year2058.getTime() - now.getTime()) / 86_400_000) + " days), longer than the 1 h a sync waits for a rate limit",
    });
    expect((await refs.syncRun(orgId, "parked-pending").get()).data()!.status).toBe("failed");
    expect((await refs.syncRun(orgId, "resuming").get()).data()!.status).toBe("running");
    await waitFor("counts without the parked runs", async () => {
      const stats = (await refs.syncStats(orgId).get()).data();
      return stats?.running === 1 && stats.pending === 0 ? stats : undefined;
    });
  });
});
