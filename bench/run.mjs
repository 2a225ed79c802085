#!/usr/bin/env node
// `npm run bench`: the bench's Jest project inside `firebase emulators:exec`, with the
// bench-only firebase config (the functions plus the bare baseline function), and the Firestore
// counter, the deployment settings and the worker-start log preloaded into the emulated functions' processes (see instrumentation/).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bench = dirname(fileURLToPath(import.meta.url));
const root = join(bench, "..");
const counterDir = mkdtempSync(join(tmpdir(), "taskbridge-bench-counters-"));
// Each worker process notes its start here (instrumentation/worker-starts.cjs), apart from the counters' files.
const workerStartsDir = join(counterDir, "worker-starts");
mkdirSync(workerStartsDir);
const preloads = ["firestore-counter.cjs", "deployment-settings.cjs", "worker-starts.cjs"].map((file) => join(bench, "instrumentation", file));
const env = {
  ...process.env,
  BENCH_COUNTER_DIR: counterDir,
  BENCH_WORKER_STARTS_DIR: workerStartsDir,
  // The webhooks endpoint answers with a Server-Timing header of its steps (webhooks/step-timer.ts).
  TASKBRIDGE_WEBHOOK_TIMING: "1",
  NODE_OPTIONS: [process.env.NODE_OPTIONS, ...preloads.map((preload) => `--require ${JSON.stringify(preload)}`)].filter(Boolean).join(" "),
};
// The command first: scripts/firebase.mjs prepares the emulators (local secrets, offline binaries) only when it leads.
const args = [
  join(root, "scripts", "firebase.mjs"),
  "emulators:exec",
  "--config", "bench/firebase.bench.json",
  "--project", "demo-taskbridge",
  "--only", "functions,firestore,pubsub,auth",
  `${JSON.stringify(join(root, "node_modules", ".bin", "jest"))} --selectProjects bench --runInBand`,
];
const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  rmSync(counterDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
