import { createHmac } from "node:crypto";

/** One webhook delivery as a provider sends it: the exact bytes its signature covers, and its headers. */
export interface SignedDelivery {
  body: Buffer;
  headers: Record<string, string>;
}

/** Hex HMAC-SHA256 of the raw body: how GitHub (after "sha256="), ClickUp, Plane, Asana and Linear sign. */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** POSTs a delivery unchanged (re-serialising it would break the signature); answers the status and body text. */
export async function postDelivery(url: string, delivery: SignedDelivery): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers },
    body: new Uint8Array(delivery.body),
  });
  return { status: res.status, text: await res.text() };
}
