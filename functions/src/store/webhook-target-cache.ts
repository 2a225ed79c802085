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

/**
 * An entry used in the last third of its TTL is read again off the answer's path (refresh
 * ahead), so a steady stream of deliveries to one instance never waits for the credential: only
 * the first delivery after a quiet spell longer than the TTL does.
 */
const REFRESH_AHEAD_FRACTION = 1 / 3;

interface Entry {
  target: WebhookTarget;
  expiresAt: number;
  refreshFrom: number;
  refreshing: boolean;
}

const entries = new Map<string, Entry>();

/**
 * Bumped by every forget: a read that began before a forget must not store what it read, or an
 * instance that just rotated or deleted a credential could cache the old secrets again. Global
 * rather than per integration (forgets are rare), so it costs no memory per integration.
 */
let forgets = 0;

/** Taken before reading a target, handed back to rememberWebhookTarget. */
export interface ReadStart {
  atMs: number;
  forgets: number;
}

export function startTargetRead(nowMs = Date.now()): ReadStart {
  return { atMs: nowMs, forgets };
}

export function cachedWebhookTarget(integrationId: string, nowMs = Date.now()): WebhookTarget | undefined {
  const entry = entries.get(integrationId);
  if (!entry) return undefined;
  if (entry.expiresAt > nowMs) return entry.target;
  entries.delete(integrationId);
  return undefined;
}

/**
 * Whether the caller should read this integration's target again now, in the background: its
 * entry is fresh but in the last third of its TTL, and no refresh of it is running (the first
 * caller claims it; the entry keeps serving until it expires either way).
 */
export function claimRefreshAhead(integrationId: string, nowMs = Date.now()): boolean {
  const entry = entries.get(integrationId);
  if (!entry || entry.refreshing || nowMs < entry.refreshFrom || nowMs >= entry.expiresAt) return false;
  entry.refreshing = true;
  return true;
}

/** A refresh that failed (a Firestore error) gives its claim back; the entry still expires on time. */
export function releaseRefreshAhead(integrationId: string): void {
  const entry = entries.get(integrationId);
  if (entry) entry.refreshing = false;
}

/**
 * Stores what a read that began at `read` found, trusted until the TTL counted from the read's
 * start (so nothing is trusted longer than the TTL after Firestore said it); nothing is stored
 * when a forget came in between.
 */
export function rememberWebhookTarget(integrationId: string, target: WebhookTarget, read: ReadStart = startTargetRead()): void {
  if (read.forgets !== forgets) return;
  entries.delete(integrationId);
  // Maps iterate in insertion order: the first key is the oldest entry.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  const ttl = ttlMs();
  entries.set(integrationId, { target, expiresAt: read.atMs + ttl, refreshFrom: read.atMs + ttl - Math.floor(ttl * REFRESH_AHEAD_FRACTION), refreshing: false });
}

/** Called wherever this instance changes or deletes an integration's credential. */
export function forgetWebhookTarget(integrationId: string): void {
  forgets += 1;
  entries.delete(integrationId);
}

/**
 * A read found the integration gone or disconnected: its entry goes, without bumping `forgets`
 * (anyone can make the endpoint read an unknown integration; that must not stop other reads
 * from being cached).
 */
export function dropWebhookTarget(integrationId: string): void {
  entries.delete(integrationId);
}
