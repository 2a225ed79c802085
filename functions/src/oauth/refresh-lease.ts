import { randomUUID } from "node:crypto";
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { db } from "../store/db";

/** Long enough for one token request (its timeouts are shorter); a crashed holder frees it after this. */
export const LEASE_MS = 30_000;

/** oauthRefreshLeases/{integrationId}: who is refreshing this credential now. Backend-only. */
const leaseRef = (integrationId: string) => db().collection("oauthRefreshLeases").doc(integrationId);

/** This process's id as a lease holder. */
export const LEASE_HOLDER = randomUUID();

/** Inside a transaction: whether another holder has a live lease; if not, takes it. */
export async function tryTakeLease(tx: Transaction, integrationId: string, holder: string, now: Date): Promise<boolean> {
  const lease = (await tx.get(leaseRef(integrationId))).data() as { holder?: string; expireAt?: Timestamp } | undefined;
  if (lease?.holder && lease.holder !== holder && lease.expireAt && lease.expireAt.toMillis() > now.getTime()) return false;
  tx.set(leaseRef(integrationId), { holder, expireAt: Timestamp.fromMillis(now.getTime() + LEASE_MS) });
  return true;
}

export function releaseLease(tx: Transaction, integrationId: string): void {
  tx.delete(leaseRef(integrationId));
}

export async function releaseLeaseNow(integrationId: string): Promise<void> {
  await leaseRef(integrationId).delete();
}
