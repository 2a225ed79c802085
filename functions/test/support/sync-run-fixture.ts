import { EMPTY_PROGRESS, type SyncRun } from "../../src/domain/sync-run";

/** A valid sync run for tests: pending, full, manual, created now; override what the test is about. */
export function syncRunFixture(changes: Partial<SyncRun> = {}): SyncRun {
  const now = new Date();
  return {
    integrationId: "int-1",
    provider: "github",
    projectId: "p-1",
    projectName: "p",
    status: "pending",
    trigger: "manual",
    mode: "full",
    progress: EMPTY_PROGRESS,
    error: null,
    checkpoint: null,
    since: null,
    maxUpdatedAt: null,
    continuations: 0,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    deadlineAt: new Date(now.getTime() + 3600_000),
    ...changes,
  };
}
