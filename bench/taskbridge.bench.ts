/**
 * `npm run bench`: every figure of issue 9 §2, measured on the emulators in one run, printed as
 * one table (each figure beside its target) and written to bench/results.json. A scenario that
 * fails or would run past the time budget is reported as "not measured" with the reason; nothing
 * here asserts on time.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { benchColdStart } from "./scenarios/cold-start";
import { benchFanOut } from "./scenarios/fan-out";
import { benchRateLimit } from "./scenarios/rate-limit";
import { benchSync } from "./scenarios/sync";
import { benchWebhookLatency } from "./scenarios/webhook-latency";
import { record, renderTable, writeResults } from "./support/results";
import { githubShape, planeShape, type Shape } from "./support/shapes";

/** The whole bench should stay under ~10 minutes on 2 cores; a scenario starting later than this is skipped. */
const BUDGET_MS = 9 * 60_000;
const UNLIMITED = 1_000_000;
const startedAt = performance.now();

jest.setTimeout(30 * 60_000);

/** BENCH_ONLY="webhook latency,fan-out" runs only the named scenarios (for working on one of them). */
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());

async function scenario(name: string, run: () => Promise<void>): Promise<void> {
  if (only && !only.includes(name)) return;
  const spentMs = performance.now() - startedAt;
  if (spentMs > BUDGET_MS) {
    record({ scenario: name, what: "(skipped)", value: null, unit: "", target: "—", source: `not started: ${(spentMs / 60_000).toFixed(1)} min of the ${BUDGET_MS / 60_000} min budget spent` });
    return;
  }
  const began = performance.now();
  const loadBefore = loadavg()[0]!;
  try {
    await run();
  } catch (error) {
    record({ scenario: name, what: "(failed)", value: null, unit: "", target: "—", source: error instanceof Error ? error.message : String(error) });
  }
  // Latency figures on 2 shared cores move with whatever else runs: the load beside them says
  // whether a run was quiet enough to compare with another.
  const loadSource = `os.loadavg(), 1-minute average, ${cpus().length} cores`;
  record({ scenario: name, what: "machine load at start", value: loadBefore, unit: "", target: "—", source: loadSource });
  record({ scenario: name, what: "machine load at end", value: loadavg()[0]!, unit: "", target: "—", source: loadSource });
  process.stdout.write(`bench: ${name} took ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
}

async function syncOf(make: () => Promise<Shape>, tasks: number): Promise<void> {
  const shape = await make();
  try {
    await benchSync(shape, tasks);
  } finally {
    await shape.sim.stop();
  }
}

it("measures the figures of issue 9", async () => {
  for (const tasks of [1_000, 10_000]) {
    await scenario(`plane N=${tasks}`, () => syncOf(() => planeShape(tasks, UNLIMITED, tasks), tasks));
    await scenario(`github N=${tasks}`, () => syncOf(() => githubShape(tasks), tasks));
  }
  await scenario("rate limit", benchRateLimit);
  await scenario("webhook latency", benchWebhookLatency);
  await scenario("fan-out", benchFanOut);
  await scenario("cold start", benchColdStart);

  const environment = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    firebaseTools: execFileSync("node", [require.resolve("firebase-tools/lib/bin/firebase.js"), "--version"], { encoding: "utf8" }).trim(),
    totalSeconds: Math.round((performance.now() - startedAt) / 1000),
  };
  const file = writeResults(environment);
  process.stdout.write(`\n${renderTable()}\n\n${JSON.stringify(environment)}\nwritten to ${file}\n`);
});
