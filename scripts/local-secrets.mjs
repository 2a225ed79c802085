// The Functions emulator reads secrets from functions/.secret.local (git-ignored). Generate the
// ones that have no meaningful value on a developer machine, once, so `npm start` and `npm test`
// work on a fresh clone without touching Secret Manager.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * The providers' ids, from the built functions (functions/src/domain/provider-id.ts, the one list):
 * every command that starts the emulators builds first, because the Functions emulator loads
 * functions/lib.
 */
function providerIds(root) {
  const built = join(root, "functions", "lib", "domain", "provider-id.js");
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before starting the emulators.`);
  return createRequire(import.meta.url)(built).PROVIDER_IDS;
}

/** Secret name → how to make a local value. Extended as functions declare new secrets. */
const generatedSecrets = (root) => ({
  // AES-256-GCM keyring for stored credentials: `id:base64key` (see functions/src/credentials/keyring.ts).
  TOKEN_ENCRYPTION_KEY: () => `local1:${randomBytes(32).toString("base64")}`,
  // OAuth clients, one pair per provider (functions/src/config/oauth.ts). Random placeholders: on
  // the emulators the OAuth simulator accepts whatever is here; real ones are set for a deploy
  // with `firebase functions:secrets:set`.
  ...Object.fromEntries(
    providerIds(root).flatMap((id) => [
      [`${id.toUpperCase()}_CLIENT_ID`, () => `local-${id}-${randomBytes(8).toString("hex")}`],
      [`${id.toUpperCase()}_CLIENT_SECRET`, () => randomBytes(24).toString("base64url")],
    ]),
  ),
});

export function ensureLocalSecrets(root) {
  const file = join(root, "functions", ".secret.local");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const present = new Set(existing.split("\n").map((line) => line.split("=")[0].trim()));
  const missing = Object.entries(generatedSecrets(root)).filter(([name]) => !present.has(name));
  if (missing.length === 0 && existsSync(file)) return;
  const lines = missing.map(([name, make]) => `${name}=${make()}`);
  const prefix = existing.length === 0 || existing.endsWith("\n") ? existing : `${existing}\n`;
  writeFileSync(file, `${prefix}${lines.join("\n")}${lines.length ? "\n" : ""}`, { mode: 0o600 });
  if (lines.length) console.log(`Generated local secrets in functions/.secret.local: ${missing.map(([n]) => n).join(", ")}`);
}
