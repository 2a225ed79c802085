import { Timestamp, type DocumentData } from "firebase-admin/firestore";
import type { Member } from "../domain/org";
import { db } from "./db";
import { refs } from "./refs";

/*
 * The writes of oauthStates/{state}, a connect flow's single-use state. What a state holds, and
 * when one may be started or consumed, are connections/state-store.ts's: it parses and judges the
 * stored document through the callbacks below, inside the transactions that mark it.
 */

/** Stores a new state (its dates as Date); fails if the id exists. */
export async function createOAuthState(state: string, doc: DocumentData & { createdAt: Date; expireAt: Date }): Promise<void> {
  await refs.oauthState(state).create({ ...doc, createdAt: Timestamp.fromDate(doc.createdAt), expireAt: Timestamp.fromDate(doc.expireAt) });
}

/**
 * Binds the state to one browser, in one transaction with its read: `check` gets the stored
 * document (undefined when there is none) and throws to refuse, which writes nothing; otherwise
 * `startedAt` and `browserKeyHash` are set and `check`'s answer returned.
 */
export function markOAuthStateStarted<T>(
  state: string,
  start: { startedAt: Date; browserKeyHash: string },
  check: (stored: DocumentData | undefined) => T,
): Promise<T> {
  const ref = refs.oauthState(state);
  return db().runTransaction(async (tx) => {
    const result = check((await tx.get(ref)).data());
    tx.update(ref, { startedAt: Timestamp.fromDate(start.startedAt), browserKeyHash: start.browserKeyHash });
    return result;
  });
}

/**
 * Uses the state once, in one transaction: `parse` gets the stored document (undefined when there
 * is none) and throws to refuse, which writes nothing; otherwise the state is marked consumed at
 * `consumedAt` whatever `judge` then says, given the parsed state and the member document of the
 * user who started it. Returns `judge`'s answer.
 */
export function consumeOAuthState<S extends { orgId: string; uid: string }, R>(
  state: string,
  consumedAt: Date,
  parse: (stored: DocumentData | undefined) => S,
  judge: (parsed: S, starter: Member | undefined) => R,
): Promise<R> {
  const ref = refs.oauthState(state);
  return db().runTransaction(async (tx) => {
    const parsed = parse((await tx.get(ref)).data());
    const member = (await tx.get(refs.member(parsed.orgId, parsed.uid))).data();
    tx.update(ref, { consumedAt: Timestamp.fromDate(consumedAt) });
    return judge(parsed, member);
  });
}
