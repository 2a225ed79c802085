import { randomUUID } from "node:crypto";
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { db } from "../store/db";
import { refs } from "../store/refs";

/** Long enough for one token request (its timeouts are shorter); a crashed holder frees it after this. */
export const LEASE_MS = 30_000;

/** oauthRefreshLeases/{integrationId}: who is refreshing this credential now. Backend-only. */
const leaseRef = (integrationId: string) => refs.oauthRefreshLease(integrationId);

/**
 * A holder id for one refresh attempt. Never one per process: an instance serves many requests at
 * once (up to 80 on v2), and two of them holding "the same" lease would both refresh a rotating
 * refresh token, the second with one already spent.
 */
export function newLeaseHolder(): string {
  return randomUUID();
}

interface Lease {
  holder?: string;
  expireAt?: Timestamp;
}

/** Inside a transaction: whether another holder has a live lease; if not, takes it. */
export async function tryTakeLease(tx: Transaction, integrationId: string, holder: string, now: Date): Promise<boolean> {
  const lease = (await tx.get(leaseRef(integrationId))).data() as Lease | undefined;
  if (lease?.holder && lease.holder !== holder && lease.expireAt && lease.expireAt.toMillis() > now.getTime()) return false;
  tx.set(leaseRef(integrationId), { holder, expireAt: Timestamp.fromMillis(now.getTime() + LEASE_MS) });
  return true;
}

/**
 * Inside a transaction, before its writes: a release of `holder`'s lease, to apply with them. A
 * lease that expired and was taken by another attempt meanwhile is left to that attempt.
 */
export async function prepareRelease(tx: Transaction, integrationId: string, holder: string): Promise<() => void> {
  const lease = (await tx.get(leaseRef(integrationId))).data() as Lease | undefined;
  return () => {
    if (lease?.holder === holder) tx.delete(leaseRef(integrationId));
  };
}

/** Releases `holder`'s lease; without a holder (a disconnect), whoever holds it. */
export async function releaseLeaseNow(integrationId: string, holder?: string): Promise<void> {
  if (holder === undefined) {
    await leaseRef(integrationId).delete();
    return;
  }
  await db().runTransaction(async (tx) => (await prepareRelease(tx, integrationId, holder))());
}
