import { z } from "zod";
import type { ProviderId } from "../domain/provider-id";

/**
 * What the webhooks endpoint needs of an integration to verify a delivery: its org, provider,
 * state and the decrypted signing secrets (never its tokens). Kept per instance for a short TTL
 * so a burst of deliveries reads and decrypts the credential once, not once per request.
 */
export interface WebhookTarget {
  orgId: string;
  provider: ProviderId;
  secrets: string[];
}

/**
 * How long an instance trusts what it read, in seconds: WEBHOOK_TARGET_CACHE_SECONDS (from
 * functions/.env.<projectId>), 30 when unset. A secret removed elsewhere (rotation in another
 * instance, a disconnect) stops verifying after at most this long; a secret added elsewhere
 * verifies at once, because a failed verification against cached secrets reads them again.
 * Read from the environment rather than a param: a param's default exists only at deploy time.
 */
const TtlSecondsSchema = z.coerce.number().int().min(0).max(300).default(30);

function ttlMs(): number {
  const parsed = TtlSecondsSchema.safeParse(process.env.WEBHOOK_TARGET_CACHE_SECONDS || undefined);
  if (!parsed.success) throw new Error("WEBHOOK_TARGET_CACHE_SECONDS must be a whole number of seconds from 0 to 300");
  return parsed.data * 1000;
}

/** Bounds the memory one instance spends on integrations it saw once. */
const MAX_ENTRIES = 1000;

const entries = new Map<string, { target: WebhookTarget; expiresAt: number }>();

export function cachedWebhookTarget(integrationId: string, nowMs = Date.now()): WebhookTarget | undefined {
  const entry = entries.get(integrationId);
  if (!entry) return undefined;
  if (entry.expiresAt > nowMs) return entry.target;
  entries.delete(integrationId);
  return undefined;
}

export function rememberWebhookTarget(integrationId: string, target: WebhookTarget, nowMs = Date.now()): void {
  entries.delete(integrationId);
  // Maps iterate in insertion order: the first key is the oldest entry.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(integrationId, { target, expiresAt: nowMs + ttlMs() });
}

/** Called wherever this instance changes or deletes an integration's credential. */
export function forgetWebhookTarget(integrationId: string): void {
  entries.delete(integrationId);
}
