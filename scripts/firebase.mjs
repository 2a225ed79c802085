#!/usr/bin/env node
// Runs the project's pinned firebase-tools with the emulators prepared to work offline:
//   node scripts/firebase.mjs emulators:start
//   node scripts/firebase.mjs emulators:exec --only functions,firestore "jest ..."
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { offlineEmulatorEnv } from "./emulator-binaries.mjs";
import { ensureLocalSecrets } from "./local-secrets.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function requireJava() {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    console.error(
      "The Firestore and Pub/Sub emulators need Java 17 or newer, and no `java` was found on PATH.\n" +
        "Install a JRE (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and try again.",
    );
    process.exit(1);
  }
}

const args = process.argv.slice(2);
if (args[0]?.startsWith("emulators:")) {
  requireJava();
  try {
    ensureLocalSecrets(root);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
const env = { ...process.env, ...offlineEmulatorEnv(root) };
for (const name of ["FIRESTORE_EMULATOR_BINARY_PATH", "PUBSUB_EMULATOR_BINARY_PATH"]) {
  if (env[name] && !process.env[name]) console.log(`Using the Cloud SDK's emulator: ${name}=${env[name]}`);
}

const firebaseBin = join(root, "node_modules", ".bin", "firebase");
const child = spawn(firebaseBin, args, { cwd: root, env, stdio: "inherit" });
// Ctrl-C reaches the child through the shared process group; wait for its own clean shutdown.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
