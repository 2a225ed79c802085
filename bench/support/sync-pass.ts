import { randomUUID } from "node:crypto";
import type { SyncRun } from "../../functions/src/domain/sync-run";
import type { SyncRequest } from "../../functions/src/sync/sync-request";

type SyncMode = SyncRequest["mode"];
import { publishSyncRequest, waitForEndedRuns } from "@taskbridge/emulator-support";
import { diffCounters, readCounters, settledCounters, type Counters } from "./counters";
import type { Shape } from "./shapes";

export interface PassResult {
  run: SyncRun & { id: string };
  /** Requests the provider simulator received during the pass, from its own request log (429s included). */
  requests: number;
  /** Wall clock from publishing the request to seeing the run ended, on the bench's clock. */
  elapsedMs: number;
  /** Reads, writes and enqueues the emulated functions issued meanwhile. */
  counters: Counters;
}

/** One sync request through the real path (Pub/Sub → fan-out → Cloud Tasks → worker), measured from outside. */
export async function measurePass(shape: Shape, orgId: string, integrationId: string, mode: SyncMode, timeoutMs: number): Promise<PassResult> {
  const before = readCounters();
  const requestsBefore = shape.sim.requests.length;
  const since = new Date();
  const started = performance.now();
  await publishSyncRequest({ orgId, integrationId, trigger: mode === "full" ? "manual" : "scheduled", mode, requestId: `bench-${randomUUID()}` });
  const [run] = await waitForEndedRuns(orgId, integrationId, since, 1, timeoutMs);
  const elapsedMs = performance.now() - started;
  const requests = shape.sim.requests.length - requestsBefore;
  const counters = diffCounters(await settledCounters(), before);
  if (run!.status !== "completed") throw new Error(`the ${mode} pass ended ${run!.status}: ${run!.error ?? ""}`);
  return { run: run!, requests, elapsedMs, counters };
}
