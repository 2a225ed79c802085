import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the state's document id, unguessable and single-use. */
export function newState(): string {
  return randomBytes(32).toString("base64url");
}

/** RFC 7636 code verifier: 32 random bytes as 43 base64url characters (within the 43–128 allowed). */
export function newCodeVerifier(): string {
  return randomBytes(32).toString("base64url");
}

/** The S256 challenge: base64url(sha256(verifier)). */
export function codeChallengeS256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
