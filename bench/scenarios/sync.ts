/**
 * Initial sync, resync of unchanged data and incremental sync of one provider shape with N
 * tasks, plus the raw BulkWriter baseline: the same documents written straight to Firestore
 * from the bench process, in the same emulator run.
 */
import { db } from "../../functions/src/store/db";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { record } from "../support/results";
import type { Shape } from "../support/shapes";
import { measurePass } from "../support/sync-pass";

const CHANGES = 10;
const PASS_TIMEOUT_MS = 300_000;

export async function benchSync(shape: Shape, tasks: number): Promise<void> {
  const scenario = `${shape.provider} N=${tasks.toLocaleString("en-US")}`;
  const orgId = await seedOrg("bench-owner");
  const integrationId = await seedIntegration({ orgId, provider: shape.provider, ...shape.connection });
  const pages = Math.ceil(tasks / shape.pageSize);

  const initial = await measurePass(shape, orgId, integrationId, "full", PASS_TIMEOUT_MS);
  const tasksPerSecond = tasks / (initial.elapsedMs / 1000);
  const counted = "functions' Firestore client, counted (bench/instrumentation)";
  record({ scenario, what: "initial sync: provider requests", value: initial.requests, unit: "req", target: `ceil(N/${shape.pageSize}) = ${pages} pages + project listing`, source: "simulator request log" });
  record({ scenario, what: "initial sync: task reads per task", value: initial.counters.reads.tasks / tasks, unit: "/task", target: "0 (nothing stored yet)", source: counted });
  record({ scenario, what: "initial sync: task writes per task", value: initial.counters.writes.tasks / tasks, unit: "/task", target: "1", source: counted });
  record({ scenario, what: "initial sync: tasks/s (publish → run ended)", value: tasksPerSecond, unit: "tasks/s", target: "—", source: "bench clock" });

  const raw = await rawBulkWriterTasksPerSecond(orgId, integrationId);
  record({ scenario, what: "raw BulkWriter of the same documents: tasks/s", value: raw, unit: "tasks/s", target: "—", source: "bench clock, bench process" });
  record({ scenario, what: "initial sync tasks/s ÷ raw BulkWriter tasks/s", value: tasksPerSecond / raw, unit: "×", target: "≥ 0.5", source: "ratio of the two above" });

  const resync = await measurePass(shape, orgId, integrationId, "full", PASS_TIMEOUT_MS);
  record({ scenario, what: "resync unchanged: task writes", value: resync.counters.writes.tasks, unit: "writes", target: "0", source: counted });
  record({ scenario, what: "resync unchanged: task reads per task", value: resync.counters.reads.tasks / tasks, unit: "/task", target: "≤ 1 (one projection read)", source: counted });
  record({ scenario, what: "resync unchanged: provider requests", value: resync.requests, unit: "req", target: `${pages} pages + listing`, source: "simulator request log" });

  shape.edit(CHANGES);
  const incremental = await measurePass(shape, orgId, integrationId, "incremental", PASS_TIMEOUT_MS);
  record({ scenario, what: `incremental after k=${CHANGES} changes: provider requests`, value: incremental.requests, unit: "req", target: "1 page + listing", source: "simulator request log" });
  record({ scenario, what: `incremental after k=${CHANGES} changes: task writes`, value: incremental.counters.writes.tasks, unit: "writes", target: `k = ${CHANGES}`, source: counted });
}

/**
 * Reads back the documents the pipeline stored and writes the same data, same ids, into another
 * org's tasks collection (same indexes) with one BulkWriter: the floor the pipeline's write path
 * is compared with. Only the write is timed.
 */
async function rawBulkWriterTasksPerSecond(orgId: string, integrationId: string): Promise<number> {
  const stored = await db().collection(`orgs/${orgId}/tasks`).where("integrationId", "==", integrationId).get();
  const target = `${orgId}-raw`;
  const writer = db().bulkWriter();
  const started = performance.now();
  for (const doc of stored.docs) void writer.set(db().doc(`orgs/${target}/tasks/${doc.id}`), doc.data());
  await writer.close();
  return stored.size / ((performance.now() - started) / 1000);
}
