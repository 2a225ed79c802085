#!/usr/bin/env node
// `npm start`: the emulator suite (scripts/firebase.mjs emulators:start) and, once the Functions
// emulator answers, the provider sandbox (sandbox/main.ts, built into sandbox/lib). Both children
// stay in this process group, so Ctrl-C reaches them all; this script exits when the emulators do.
/* global fetch, setTimeout */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Any function's URL: before the functions are loaded the emulator answers 404 (or nothing).
const PROBE_URL = "http://127.0.0.1:5001/demo-taskbridge/us-central1/connectWithToken";
const READY_TIMEOUT_MS = 180_000;

const emulators = spawn(process.execPath, [join(root, "scripts", "firebase.mjs"), "emulators:start"], { cwd: root, stdio: "inherit" });
let sandbox = null;
let stopping = false;

async function functionsAnswer() {
  try {
    const res = await fetch(PROBE_URL, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data: {} }) });
    return res.status !== 404;
  } catch {
    return false;
  }
}

async function startSandboxWhenReady() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await functionsAnswer())) {
    if (stopping) return;
    if (Date.now() > deadline) {
      console.error("start: the Functions emulator did not answer within 3 minutes; the sandbox was not started.");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (stopping) return;
  sandbox = spawn(process.execPath, [join(root, "sandbox", "lib", "sandbox", "main.js")], { cwd: root, stdio: "inherit" });
  sandbox.on("exit", (code) => {
    sandbox = null;
    if (!stopping && code) console.error(`start: the sandbox stopped (exit ${code}); the emulators keep running. Ctrl-C stops them.`);
  });
}

// A terminal's Ctrl-C reaches every child through the process group; a signal sent to this
// process alone (kill, timeout) is passed on. Either way, wait for the children's own shutdown.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    sandbox?.kill(signal);
    emulators.kill(signal);
  });
}
emulators.on("exit", (code, signal) => {
  stopping = true;
  sandbox?.kill("SIGTERM");
  process.exit(code ?? (signal ? 1 : 0));
});

// `npm start -- --no-sandbox`: the emulators alone, e.g. to connect real providers by hand.
if (process.argv.includes("--no-sandbox")) console.log("start: --no-sandbox: the provider sandbox is not started.");
else void startSandboxWhenReady();
