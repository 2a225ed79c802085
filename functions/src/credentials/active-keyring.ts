import { tokenEncryptionKey } from "../config";
import { Keyring } from "./keyring";

/*
 * Here rather than in config: config is the bottom room and only declares the secret; turning its
 * value into keys belongs with the credentials it opens.
 */
let cachedKeyring: { source: string; keyring: Keyring } | undefined;

/** The keyring for the secret's current value; built once per instance. */
export function keyring(): Keyring {
  const source = tokenEncryptionKey.value();
  if (cachedKeyring?.source !== source) cachedKeyring = { source, keyring: new Keyring(source) };
  return cachedKeyring.keyring;
}
