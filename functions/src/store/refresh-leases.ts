import { Timestamp, type DocumentData, type Transaction } from "firebase-admin/firestore";
import { db } from "./db";
import { refs } from "./refs";

/*
 * The writes of oauthRefreshLeases/{integrationId} (who is refreshing that credential, until
 * when), and the two transactions that read the credential with the lease. The lease's policy (its
 * length, one holder id per attempt) and the credential's decoding are credentials/refresh-lease.ts's
 * and credentials/refresh.ts's: they come in as parameters and callbacks.
 */

interface Lease {
  holder?: string;
  expireAt?: Timestamp;
}

async function readLease(tx: Transaction, integrationId: string): Promise<Lease | undefined> {
  return (await tx.get(refs.oauthRefreshLease(integrationId))).data() as Lease | undefined;
}

export type LeaseClaim<C> = { renewed: C } | { mine: C } | { wait: true };

/**
 * In one transaction with the read of the credential: `decode` reads it, and when `isRenewed` says
 * someone already replaced the token, that credential is the answer; otherwise the lease is taken
 * for `holder` (for `leaseMs` from `now`) unless another holder has a live one.
 */
export function claimRefreshLease<C>(
  integrationId: string,
  holder: string,
  now: Date,
  leaseMs: number,
  decode: (stored: DocumentData | undefined) => C,
  isRenewed: (current: C) => boolean,
): Promise<LeaseClaim<C>> {
  return db().runTransaction(async (tx): Promise<LeaseClaim<C>> => {
    const current = decode((await tx.get(refs.credentials(integrationId))).data());
    if (isRenewed(current)) return { renewed: current };
    const lease = await readLease(tx, integrationId);
    if (lease?.holder && lease.holder !== holder && lease.expireAt && lease.expireAt.toMillis() > now.getTime()) return { wait: true };
    tx.set(refs.oauthRefreshLease(integrationId), { holder, expireAt: Timestamp.fromMillis(now.getTime() + leaseMs) });
    return { mine: current };
  });
}

/**
 * Ends `holder`'s refresh in one transaction: its lease is released (a lease that expired and was
 * taken by another attempt meanwhile is left to that attempt) and `settle`, given the stored
 * credential, returns the document to store (or null to keep what is stored) and the answer.
 */
export function settleRefresh<T>(
  integrationId: string,
  holder: string,
  settle: (stored: DocumentData | undefined) => { store: DocumentData | null; result: T },
): Promise<T> {
  const credentialRef = refs.credentials(integrationId);
  return db().runTransaction(async (tx) => {
    const stored = (await tx.get(credentialRef)).data();
    const lease = await readLease(tx, integrationId);
    if (lease?.holder === holder) tx.delete(refs.oauthRefreshLease(integrationId));
    const { store, result } = settle(stored);
    if (store) tx.set(credentialRef, store);
    return result;
  });
}

/** Releases `holder`'s lease; without a holder (a disconnect), whoever holds it. */
export async function releaseRefreshLease(integrationId: string, holder?: string): Promise<void> {
  if (holder === undefined) {
    await refs.oauthRefreshLease(integrationId).delete();
    return;
  }
  await db().runTransaction(async (tx) => {
    const lease = await readLease(tx, integrationId);
    if (lease?.holder === holder) tx.delete(refs.oauthRefreshLease(integrationId));
  });
}
