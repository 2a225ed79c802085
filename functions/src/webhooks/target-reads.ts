import { logger } from "firebase-functions";
import { keyring } from "../credentials/active-keyring";
import { decodeCredentials, MissingCredentialsError } from "../credentials/credential-store";
import { acceptedWebhookSecrets } from "../credentials/webhook-secret-store";
import { CoalescedReads } from "../store/coalesced-reads";
import { readCredentialDocument } from "../store/credentials";
import { refs } from "../store/refs";
import { dropWebhookTarget, releaseRefreshAhead, rememberWebhookTarget, startTargetRead, type WebhookTarget } from "../store/webhook-target-cache";
import type { StepTimer } from "./step-timer";

/** One read of an integration's webhook target at a time in this instance, shared by every request that waits for it. */
const reads = new CoalescedReads<WebhookTarget | null>();

/** Taken when a request arrives: a refusal is only decided by a read that began after it. */
export function targetReadTicket(): number {
  return reads.ticket();
}

/** What a request makes of a target: its outcome, and whether that outcome refuses the request. */
export interface Judgement<R> {
  refused: boolean;
  outcome: R;
}

/**
 * The integration's webhook target, read through its credential and remembered in the cache;
 * null when there is none or it is disconnected. `judge` turns it into the request's outcome.
 * A request may share a read another request already started, but when that read leads to a
 * refusal and began before `ticket`, the outcome comes from a read that began after it: a
 * credential or secret written just before the request is seen, as if it had read alone.
 */
export async function judgeWebhookTarget<R>(
  integrationId: string,
  ticket: number,
  timer: StepTimer,
  judge: (target: WebhookTarget | null) => Judgement<R>,
): Promise<R> {
  const shared = await sharedRead(integrationId, timer);
  const verdict = judge(shared.value);
  if (!verdict.refused || shared.freshFor(ticket)) return verdict.outcome;
  return judge((await sharedRead(integrationId, timer, ticket)).value).outcome;
}

/**
 * Reads a cached target again before it expires, not awaited by the answer that asked (the
 * cache's refresh ahead). Until it lands, the entry serves as before, and expires on time if it
 * never does. What it finds replaces the entry; an integration it finds gone or disconnected
 * leaves the cache at once.
 */
export function refreshWebhookTargetInBackground(integrationId: string, timer: StepTimer): void {
  sharedRead(integrationId, timer).then(
    (shared) => {
      if (!shared.value) dropWebhookTarget(integrationId);
    },
    (error: unknown) => {
      releaseRefreshAhead(integrationId);
      logger.warn("webhook secrets refresh failed; the cached entry expires on time", { integrationId, error: error instanceof Error ? error.name : "unknown" });
    },
  );
}

/** A read of the target, shared or this request's own; the wait for someone else's read counts as lookup. */
async function sharedRead(integrationId: string, timer: StepTimer, freshAfter?: number) {
  const askedAt = performance.now();
  let ownStartAt: number | undefined;
  const shared = await reads.read(
    integrationId,
    () => {
      ownStartAt = performance.now();
      return loadWebhookTarget(integrationId, timer);
    },
    freshAfter,
  );
  timer.record("lookup", (ownStartAt ?? performance.now()) - askedAt);
  return shared;
}

/**
 * Reads the integration through its credential (which names the org, so the two reads cannot run
 * side by side) and remembers it. The path's provider is not checked here: the read is shared by
 * every request for this integration, and each request checks its own path.
 */
async function loadWebhookTarget(integrationId: string, timer: StepTimer): Promise<WebhookTarget | null> {
  const read = startTargetRead();
  const stored = await timer.time("lookup", () => readCredentialDocument(integrationId));
  let target: WebhookTarget;
  try {
    const credentials = timer.timeSync("decrypt", () => decodeCredentials(integrationId, stored.data(), keyring()));
    target = { orgId: credentials.orgId, provider: credentials.provider, secrets: acceptedWebhookSecrets(credentials) };
  } catch (error) {
    if (error instanceof MissingCredentialsError) return null;
    throw error;
  }
  const integration = (await timer.time("lookup", () => refs.integration(target.orgId, integrationId).get())).data();
  if (!integration || integration.status === "disconnected") return null;
  rememberWebhookTarget(integrationId, target, read);
  return target;
}
