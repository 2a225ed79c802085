import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const WorkerStartSchema = z.object({ target: z.string(), startedAtMs: z.number() });

/**
 * How many emulator worker processes each function started within [fromMs, toMs], from the
 * files instrumentation/worker-starts.cjs writes (one per process). Keyed by FUNCTION_TARGET.
 */
export function workerStartsBetween(fromMs: number, toMs: number): Map<string, number> {
  const dir = process.env.BENCH_WORKER_STARTS_DIR;
  if (!dir || !existsSync(dir)) throw new Error("BENCH_WORKER_STARTS_DIR is not set: run the bench through `npm run bench`");
  const starts = new Map<string, number>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const start = WorkerStartSchema.parse(JSON.parse(readFileSync(join(dir, name), "utf8")));
    if (start.startedAtMs >= fromMs && start.startedAtMs <= toMs) starts.set(start.target, (starts.get(start.target) ?? 0) + 1);
  }
  return starts;
}
