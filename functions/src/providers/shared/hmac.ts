import { createHmac, timingSafeEqual } from "node:crypto";
import type { VerifyResult } from "../provider";

/** Hex HMAC-SHA256 of the exact bytes the provider signed. */
export function hmacSha256Hex(secret: string, payload: Buffer | string): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

/**
 * Checks a hex HMAC-SHA256 signature over the raw body against each secret (two are live while a
 * secret rotates), in constant time. `prefix` is stripped first (GitHub's "sha256=").
 */
export function verifyHexHmac(
  rawBody: Buffer,
  signature: string | undefined,
  secrets: string[],
  prefix = "",
): VerifyResult {
  if (secrets.length === 0) return { ok: false, reason: "no webhook secret is configured" };
  if (!signature) return { ok: false, reason: "the signature header is missing" };
  if (!signature.startsWith(prefix)) return { ok: false, reason: "the signature is malformed" };
  const hex = signature.slice(prefix.length).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return { ok: false, reason: "the signature is malformed" };
  const given = Buffer.from(hex, "hex");
  // Every secret is compared, so the time taken does not reveal which one matched.
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(hmacSha256Hex(secret, rawBody), "hex");
    if (timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: "the signature does not match" };
}
