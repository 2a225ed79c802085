import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SimClient } from "@taskbridge/simulators";
import { Keyring } from "../../../functions/src/credentials/keyring";
import { PROVIDER_IDS, type ProviderId } from "../../../functions/src/domain/provider-id";

/**
 * functions/.secret.local, which scripts/local-secrets.mjs generates before the emulators start
 * (npm test, npm start): the emulated functions read their secrets from it, so a test that must
 * agree with them reads the same file.
 */
export function localSecret(name: string): string {
  const lines = readFileSync(join(__dirname, "../../../functions/.secret.local"), "utf8").split("\n");
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`functions/.secret.local has no ${name}: run the tests through npm test`);
  return line.slice(name.length + 1).trim();
}

/** The same keyring the emulated functions use. */
export function localKeyring(): Keyring {
  return new Keyring(localSecret("TOKEN_ENCRYPTION_KEY"));
}

/** The placeholder OAuth clients the emulated functions use. */
export function localOAuthClients(): Record<ProviderId, SimClient> {
  return Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, { clientId: localSecret(`${id.toUpperCase()}_CLIENT_ID`), clientSecret: localSecret(`${id.toUpperCase()}_CLIENT_SECRET`) }]),
  ) as Record<ProviderId, SimClient>;
}
