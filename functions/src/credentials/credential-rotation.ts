import type { DocumentSnapshot } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { replaceCredentialSecretsIfUnchanged } from "../store/credentials";
import { EncryptedBlobSchema, type Keyring } from "./keyring";

/**
 * Key rotation: a credential read while its ciphertext is under a key that is no longer the
 * primary (TOKEN_ENCRYPTION_KEY's first) is rewritten under the primary, the same plaintext and
 * nothing else. Done on read because every connected integration is read at least hourly (the
 * reconcile's fan-out opens a session), so no sweep is needed for them; see README (key rotation)
 * for when an old key may go. The write is conditional on the document being as it was read: a
 * refresh or reconnect that wrote it meanwhile has already encrypted under the primary, and its
 * new tokens must not be replaced by the old ones. Returns whether it rewrote the document.
 */
export async function reencryptIfRotated(integrationId: string, snapshot: DocumentSnapshot, keyring: Keyring): Promise<boolean> {
  const blob = EncryptedBlobSchema.safeParse(snapshot.get("secrets"));
  if (!blob.success || !keyring.needsReencryption(blob.data) || !snapshot.updateTime) return false;
  const plaintext = keyring.decrypt(blob.data, integrationId);
  if (!(await replaceCredentialSecretsIfUnchanged(integrationId, keyring.encrypt(plaintext, integrationId), snapshot.updateTime))) return false;
  logger.info("credential re-encrypted under the primary key", { integrationId, from: blob.data.keyId });
  return true;
}
