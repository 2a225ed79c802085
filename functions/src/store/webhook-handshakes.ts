import { type DocumentData, Timestamp } from "firebase-admin/firestore";
import { changeCredentialDocumentIn } from "./credentials";
import { db } from "./db";
import { refs } from "./refs";

/*
 * webhookHandshakes/{tokenHash}: one per webhook create that a provider answers with a handshake
 * (Asana's X-Hook-Secret), open while that create is in flight. The token itself travels only in
 * the target URL of that create, so only the provider can bring it back; the document is named by
 * its hash, so a reader of the database cannot. When to open one and for how long is
 * webhooks/registration.ts's; `expireAt` closes one whose deletion failed.
 */

export interface AwaitedHandshake {
  integrationId: string;
  orgId: string;
  expireAt: Date;
}

export async function awaitHandshake(tokenHash: string, awaited: AwaitedHandshake): Promise<void> {
  await refs.webhookHandshake(tokenHash).create({ ...awaited, expireAt: Timestamp.fromDate(awaited.expireAt) });
}

export async function stopAwaitingHandshake(tokenHash: string): Promise<void> {
  await refs.webhookHandshake(tokenHash).delete();
}

/**
 * Consumes the handshake awaited under `tokenHash` for `integrationId` and, in the same
 * transaction, changes the integration's credential document (`change` as in
 * store/credentials.ts): so one token serves one handshake, and a secret is stored only with the
 * token it came with. False, and nothing written, when no such handshake is awaited, it is
 * another integration's, or it has expired.
 */
export function consumeAwaitedHandshake(
  tokenHash: string,
  integrationId: string,
  now: Date,
  change: (stored: DocumentData | undefined) => DocumentData | null,
): Promise<boolean> {
  const ref = refs.webhookHandshake(tokenHash);
  return db().runTransaction(async (tx) => {
    const awaited = await tx.get(ref);
    const expireAt = awaited.get("expireAt") as unknown;
    if (!awaited.exists || awaited.get("integrationId") !== integrationId) return false;
    if (!(expireAt instanceof Timestamp) || expireAt.toMillis() <= now.getTime()) return false;
    await changeCredentialDocumentIn(tx, integrationId, change);
    tx.delete(ref);
    return true;
  });
}
