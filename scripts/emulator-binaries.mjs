// Finds emulator binaries that work offline. firebase-tools downloads the Firestore and Pub/Sub
// emulators on first use; machines without internet often ship the Google Cloud SDK's copies
// instead. When those exist and firebase-tools has nothing cached, point firebase-tools at them.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeStoredZip } from "./stored-zip.mjs";

const FIRESTORE_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

/** Where firebase-tools caches its own downloads, and the versions it expects there. */
function firebaseToolsCache(root) {
  const info = JSON.parse(
    readFileSync(join(root, "node_modules/firebase-tools/lib/emulator/downloadableEmulatorInfo.json"), "utf8"),
  );
  const dir = process.env.FIREBASE_EMULATORS_PATH || join(homedir(), ".cache", "firebase", "emulators");
  return {
    firestoreJar: join(dir, `cloud-firestore-emulator-v${info.firestore.version}.jar`),
    pubsubDir: join(dir, `pubsub-emulator-${info.pubsub.version}`),
  };
}

function cloudSdkRoot() {
  if (process.env.CLOUDSDK_ROOT_DIR) return process.env.CLOUDSDK_ROOT_DIR;
  try {
    return execFileSync("gcloud", ["info", "--format=value(installation.sdk_root)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * The SDK's Firestore jar has no Main-Class, so firebase-tools' `java -jar` cannot run it. A tiny
 * launcher jar whose manifest names the main class and puts the SDK jar on its Class-Path can.
 */
function buildFirestoreLauncher(sdkJar, cacheDir) {
  const launcher = join(cacheDir, "firestore-emulator-launcher.jar");
  const manifest = manifestText({
    "Manifest-Version": "1.0",
    "Main-Class": FIRESTORE_MAIN_CLASS,
    "Class-Path": new URL(`file://${sdkJar}`).href,
  });
  mkdirSync(cacheDir, { recursive: true });
  const bytes = writeStoredZip([{ name: "META-INF/MANIFEST.MF", data: Buffer.from(manifest, "utf8") }]);
  const current = existsSync(launcher) ? readFileSync(launcher) : null;
  if (!current || !current.equals(bytes)) writeFileSync(launcher, bytes);
  return launcher;
}

/** Manifest lines may hold at most 72 bytes; longer values continue on lines that start with a space. */
export function manifestText(attributes) {
  const lines = [];
  for (const [key, value] of Object.entries(attributes)) {
    let line = `${key}: ${value}`;
    lines.push(line.slice(0, 72));
    line = line.slice(72);
    while (line.length > 0) {
      lines.push(` ${line.slice(0, 71)}`);
      line = line.slice(71);
    }
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/**
 * Returns the environment variables that make firebase-tools use the Cloud SDK's emulators, or
 * an empty object when firebase-tools should download (or already has) its own. Variables the
 * user set are left alone.
 */
export function offlineEmulatorEnv(root) {
  const env = {};
  const cache = firebaseToolsCache(root);
  const sdk = cloudSdkRoot();
  if (!sdk) return env;
  const sdkFirestoreJar = join(sdk, "platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");
  const sdkPubsub = join(sdk, "platform/pubsub-emulator/bin/cloud-pubsub-emulator");

  if (!process.env.FIRESTORE_EMULATOR_BINARY_PATH && !existsSync(cache.firestoreJar) && existsSync(sdkFirestoreJar)) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = buildFirestoreLauncher(sdkFirestoreJar, join(root, ".cache", "emulators"));
  }
  if (!process.env.PUBSUB_EMULATOR_BINARY_PATH && !existsSync(cache.pubsubDir) && existsSync(sdkPubsub)) {
    env.PUBSUB_EMULATOR_BINARY_PATH = sdkPubsub;
  }
  return env;
}
