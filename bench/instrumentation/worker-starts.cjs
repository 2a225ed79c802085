/**
 * Preloaded (NODE_OPTIONS=--require) into every Node process of a bench run; acts only in the
 * emulated functions' runtime workers (FUNCTION_TARGET set, BENCH_WORKER_STARTS_DIR given).
 *
 * Why: the Functions emulator runs one request per worker process and starts a new process for
 * a request that finds no idle one; a request that waits for a process start pays seconds, so a
 * few of them set a p99 of hundreds of answers. The emulator logs its starts only at debug level,
 * so each worker records its own: one file per process, naming the function it serves and when
 * it started, which the webhook bench counts per function over its measured blocks.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_WORKER_STARTS_DIR;
if (dir && process.env.FUNCTION_TARGET) {
  fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify({ target: process.env.FUNCTION_TARGET, startedAtMs: Date.now() }));
}
