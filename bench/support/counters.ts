import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What instrumentation/firestore-counter.cjs counted in the emulated functions, summed over their processes. */
export interface Counters {
  reads: { tasks: number; other: number };
  writes: { tasks: number; other: number };
  aggregations: number;
  enqueued: number;
  alreadyExists: number;
  enqueueErrors: number;
}

const ZERO: Counters = { reads: { tasks: 0, other: 0 }, writes: { tasks: 0, other: 0 }, aggregations: 0, enqueued: 0, alreadyExists: 0, enqueueErrors: 0 };

export function readCounters(): Counters {
  const dir = process.env.BENCH_COUNTER_DIR;
  if (!dir || !existsSync(dir)) throw new Error("BENCH_COUNTER_DIR is not set: run the bench through `npm run bench`");
  const total = structuredClone(ZERO);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const c = JSON.parse(readFileSync(join(dir, name), "utf8")) as Counters;
    total.reads.tasks += c.reads.tasks;
    total.reads.other += c.reads.other;
    total.writes.tasks += c.writes.tasks;
    total.writes.other += c.writes.other;
    total.aggregations += c.aggregations;
    total.enqueued += c.enqueued;
    total.alreadyExists += c.alreadyExists;
    total.enqueueErrors += c.enqueueErrors;
  }
  return total;
}

export function diffCounters(after: Counters, before: Counters): Counters {
  return {
    reads: { tasks: after.reads.tasks - before.reads.tasks, other: after.reads.other - before.reads.other },
    writes: { tasks: after.writes.tasks - before.writes.tasks, other: after.writes.other - before.writes.other },
    aggregations: after.aggregations - before.aggregations,
    enqueued: after.enqueued - before.enqueued,
    alreadyExists: after.alreadyExists - before.alreadyExists,
    enqueueErrors: after.enqueueErrors - before.enqueueErrors,
  };
}

/** The counters flush 100 ms after a change; triggers that follow a run land a little later still. */
export async function settledCounters(ms = 1500): Promise<Counters> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return readCounters();
}
