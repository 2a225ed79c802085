import type { SyncState } from "../../../src/domain/integration";
import type { Project } from "../../../src/domain/project";
import { type SyncRun } from "../../../src/domain/sync-run";
import { needsFullPass } from "../../../src/sync/fan-out";
import { nextSyncState } from "../../../src/sync/integration-sync-state";
import { modeFor } from "../../../src/sync/reconcile";
import { countDelta } from "../../../src/sync/run-counts";
import { runIdFor, scheduledRequestId } from "../../../src/sync/sync-request";
import { INITIAL_SYNC_STATE, type Integration } from "../../../src/domain/integration";
import { syncRunFixture } from "../../support/sync-run-fixture";

const now = new Date("2026-06-01T12:30:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

function run(changes: Partial<SyncRun>): SyncRun {
  return syncRunFixture({ status: "completed", trigger: "scheduled", mode: "incremental", createdAt: hoursAgo(1), startedAt: hoursAgo(1), finishedAt: now, deadlineAt: null, ...changes });
}

describe("countDelta", () => {
  it.each([
    [null, "pending", { pending: 1, running: 0 }],
    ["pending", "running", { pending: -1, running: 1 }],
    ["running", "completed", { pending: 0, running: -1 }],
    ["pending", "cancelled", { pending: -1, running: 0 }],
    ["running", null, { pending: 0, running: -1 }],
    ["running", "running", { pending: 0, running: 0 }],
  ] as const)("%s → %s moves the counts by %o", (before, after, delta) => {
    expect(countDelta(before, after)).toEqual(delta);
  });
});

describe("nextSyncState", () => {
  it("is syncing while runs are active, and counts live tasks", () => {
    expect(nextSyncState(INITIAL_SYNC_STATE, run({ status: "running", finishedAt: null }), 1, 10)).toMatchObject({ status: "syncing", taskCount: 10, lastSyncAt: null });
  });

  it("records a success, clears the error, and marks a full pass", () => {
    const previous: SyncState = { ...INITIAL_SYNC_STATE, status: "error", lastError: "boom", lastSyncAt: hoursAgo(2) };
    expect(nextSyncState(previous, run({ mode: "full" }), 0, 5)).toEqual({ status: "idle", lastSyncAt: now, lastSuccessAt: now, lastFullSyncAt: now, lastError: null, taskCount: 5 });
  });

  it("records a failure as error once nothing is active", () => {
    expect(nextSyncState(INITIAL_SYNC_STATE, run({ status: "failed", error: "401" }), 0, 0)).toMatchObject({ status: "error", lastError: "401", lastSuccessAt: null });
  });

  it("ignores a run that finished before the last one recorded (events arrive in any order)", () => {
    const previous: SyncState = { ...INITIAL_SYNC_STATE, lastSyncAt: now, lastSuccessAt: now };
    expect(nextSyncState(previous, run({ status: "failed", error: "old", finishedAt: hoursAgo(1) }), 0, 3)).toMatchObject({ status: "idle", lastError: null, lastSyncAt: now });
  });

  it("leaves the outcome alone for a cancelled run", () => {
    expect(nextSyncState(INITIAL_SYNC_STATE, run({ status: "cancelled" }), 0, 0)).toMatchObject({ status: "idle", lastSyncAt: null });
  });
});

describe("pass modes", () => {
  const project = (watermark: Date | null, lastFullSyncAt: Date | null): Project => ({
    provider: "github", integrationId: "int-1", externalId: "1", name: "p", url: null, providerRef: "a/b", watermark, lastFullSyncAt, updatedAt: now,
  });

  it("gives a project a full pass when it never had one or the last is over a day old", () => {
    expect(needsFullPass(project(null, null), now)).toBe(true);
    expect(needsFullPass(project(hoursAgo(1), hoursAgo(25)), now)).toBe(true);
    expect(needsFullPass(project(hoursAgo(1), hoursAgo(23)), now)).toBe(false);
  });

  it("asks for full in reconcile when the integration's last full pass is a day old", () => {
    const integration = (lastFullSyncAt: Date | null) => ({ syncState: { ...INITIAL_SYNC_STATE, lastFullSyncAt } }) as Integration;
    expect(modeFor(integration(null), now)).toBe("full");
    expect(modeFor(integration(hoursAgo(25)), now)).toBe("full");
    expect(modeFor(integration(hoursAgo(2)), now)).toBe("incremental");
  });
});

describe("request and run ids", () => {
  it("shares one scheduled request id per hour", () => {
    expect(scheduledRequestId(now)).toBe("scheduled-2026-06-01T12");
    expect(scheduledRequestId(new Date("2026-06-01T12:59:59Z"))).toBe(scheduledRequestId(now));
    expect(scheduledRequestId(new Date("2026-06-01T13:00:00Z"))).not.toBe(scheduledRequestId(now));
  });

  it("derives a task-queue-safe run id from integration, project and request", () => {
    const id = runIdFor("int-1", "p-1", "req-1");
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(runIdFor("int-1", "p-1", "req-1")).toBe(id);
    expect(runIdFor("int-1", "p-2", "req-1")).not.toBe(id);
    expect(runIdFor("int-1", "p-1", "req-2")).not.toBe(id);
  });
});
