import type { DocumentData, DocumentSnapshot, Timestamp, Transaction } from "firebase-admin/firestore";
import { db, isFailedPrecondition } from "./db";
import { refs } from "./refs";

/*
 * The writes of credentials/{integrationId}. The store writes documents credentials/ has already
 * encrypted (credentials/credential-store.ts owns the format, the keyring and what a change means):
 * every function here takes or hands over the raw document.
 */

/** The raw credential document (absent: `exists` false). */
export function readCredentialDocument(integrationId: string): Promise<DocumentSnapshot> {
  return refs.credentials(integrationId).get();
}

export async function writeCredentialDocument(integrationId: string, document: DocumentData): Promise<void> {
  await refs.credentials(integrationId).set(document);
}

export async function deleteCredentialDocument(integrationId: string): Promise<void> {
  await refs.credentials(integrationId).delete();
}

/**
 * Changes the document in a transaction with its read: `change` gets what is stored (undefined
 * when nothing is) and returns the whole new document, or null to leave it as it is.
 */
export async function changeCredentialDocument(integrationId: string, change: (stored: DocumentData | undefined) => DocumentData | null): Promise<void> {
  await db().runTransaction((tx) => changeCredentialDocumentIn(tx, integrationId, change));
}

/** The same change inside a caller's transaction, which may read before it and write after it. */
export async function changeCredentialDocumentIn(
  tx: Transaction,
  integrationId: string,
  change: (stored: DocumentData | undefined) => DocumentData | null,
): Promise<void> {
  const ref = refs.credentials(integrationId);
  const next = change((await tx.get(ref)).data());
  if (next) tx.set(ref, next);
}

/**
 * Replaces the document's `secrets` only if nothing wrote it since the read at `readAt`; false
 * when something did (that writer's document wins).
 */
export async function replaceCredentialSecretsIfUnchanged(integrationId: string, secrets: DocumentData, readAt: Timestamp): Promise<boolean> {
  try {
    await refs.credentials(integrationId).update({ secrets }, { lastUpdateTime: readAt });
    return true;
  } catch (error) {
    if (isFailedPrecondition(error)) return false;
    throw error;
  }
}
