/**
 * What a new instance loads before it can answer: a fresh Node process requires the built
 * functions (functions/lib/index.js, as the Functions Framework and the emulator's worker do) and
 * reads one export, as an instance of that function does; "every function" reads them all, as
 * deploy-time discovery does. Median of 7 processes each. Module loading only: the platform's own
 * start-up and the first Firestore connection come on top, in production as on the emulator.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { percentile } from "../support/percentile";
import { record } from "../support/results";

const FUNCTIONS_DIR = join(__dirname, "..", "..", "functions");
const RUNS = 7;
const READS: Array<{ what: string; exports: string }> = [
  { what: "webhooks", exports: "['webhooks']" },
  { what: "applyWebhookDelivery", exports: "['applyWebhookDelivery']" },
  { what: "syncProject", exports: "['syncProject']" },
  { what: "every function (discovery)", exports: "Object.keys(m)" },
];

/** Milliseconds one fresh process spends requiring index.js and reading the named exports. */
function loadMs(exports: string): number {
  const script = `const t = process.hrtime.bigint(); const m = require("./lib/index.js"); for (const name of ${exports}) void m[name]; process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  return Number(execFileSync(process.execPath, ["-e", script], { cwd: FUNCTIONS_DIR, encoding: "utf8" }));
}

export async function benchColdStart(): Promise<void> {
  for (const { what, exports } of READS) {
    const samples = Array.from({ length: RUNS }, () => loadMs(exports));
    record({ scenario: "cold start (module load)", what: `p50 ${what}`, value: percentile(samples, 50), unit: "ms", target: "—", source: `${RUNS} fresh node processes: require functions/lib/index.js, read the export` });
  }
}
