import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * One-time secrets handed to one party and checked later against a stored hash: the connect
 * token, the browser key of an OAuth flow, the token in an Asana webhook's handshake URL. Only
 * the hash is ever stored, so a reader of the database cannot replay one.
 */

/** 32 random bytes, base64url (safe in a URL, a cookie or a document id). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored of a secret: its SHA-256, base64url. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

/** Whether `secret` hashes to `expectedHash`, compared in constant time. */
export function matchesHash(secret: string | null, expectedHash: string | null): boolean {
  if (secret === null || expectedHash === null) return false;
  const actual = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
