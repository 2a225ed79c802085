/**
 * A worker that finds its run cancelled marks when it stopped (`stoppedAt`), the signal a reader
 * waits on. The worker's clock was read before its transaction (which may have retried after the
 * cancellation committed, and the cancelling instance's clock is another machine's), so the store
 * never records a stop earlier than the cancellation it found.
 */
import { EMPTY_PROGRESS } from "../../src/domain/sync-run";
import { RunStoppedError, completeRun, savePage } from "../../src/store/sync-runs";
import { refs } from "../../src/store/refs";
import { seedOrg } from "@taskbridge/emulator-support";
import { syncRunFixture } from "../support/sync-run-fixture";

const CANCELLED_AT = new Date(Date.UTC(2026, 5, 1, 12, 0, 0));
const save = { checkpoint: "2", progress: { ...EMPTY_PROGRESS, pages: 1, fetched: 1, written: 1 }, maxUpdatedAt: null, seen: null };

async function cancelledRun(orgId: string, runId: string): Promise<void> {
  await refs.syncRun(orgId, runId).set(syncRunFixture({ status: "cancelled", startedAt: new Date(CANCELLED_AT.getTime() - 60_000), finishedAt: CANCELLED_AT }));
}

describe("a worker stopping on a cancelled run", () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = await seedOrg("owner-stop");
  });

  it("records the stop at the cancellation when the worker's clock read earlier", async () => {
    await cancelledRun(orgId, "run-early-clock");
    const before = new Date(CANCELLED_AT.getTime() - 11);
    await expect(savePage(orgId, "run-early-clock", save, before, new Date(CANCELLED_AT.getTime() + 3600_000))).rejects.toBeInstanceOf(RunStoppedError);
    const run = (await refs.syncRun(orgId, "run-early-clock").get()).data()!;
    expect(run.stoppedAt).toEqual(CANCELLED_AT);
    expect(run.progress.pages).toBe(0);
  });

  it("records the stop at the worker's clock when it read after the cancellation", async () => {
    await cancelledRun(orgId, "run-late-clock");
    const later = new Date(CANCELLED_AT.getTime() + 5_000);
    await expect(completeRun(orgId, "run-late-clock", 0, later)).rejects.toBeInstanceOf(RunStoppedError);
    const run = (await refs.syncRun(orgId, "run-late-clock").get()).data()!;
    expect(run.stoppedAt).toEqual(later);
    expect(run.status).toBe("cancelled");
  });
});
