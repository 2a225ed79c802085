import { createHash } from "node:crypto";
import { parseOrThrow } from "../../domain/validation-error";
import type { VerifyResult, WebhookEvent, WebhookHeaders, WebhookSpec } from "../provider";
import { verifyHexHmac } from "../shared/hmac";
import { draftFromIssueWebhook } from "./normalize";
import type { WebhookEnvelope } from "./schemas";
import {
  CommentWebhookDataSchema,
  IssueWebhookDataSchema,
  IssueWebhookRefSchema,
  WebhookEnvelopeSchema,
} from "./schemas";

export const SIGNATURE_HEADER = "linear-signature";
export const DELIVERY_HEADER = "linear-delivery";

/** Linear's SDK rejects a body whose webhookTimestamp is further than this from now, either way. */
export const MAX_TIMESTAMP_SKEW_MS = 60_000;

/**
 * Signature first (hex HMAC-SHA256 of the raw body, no prefix), then the body's webhookTimestamp
 * against `now`, as Linear's own LinearWebhookClient does. Only the signed body's timestamp
 * counts: the Linear-Timestamp header is not signed, so a replay could freshen it.
 */
export function verify(rawBody: Buffer, headers: WebhookHeaders, secrets: string[], now: Date): VerifyResult {
  const signed = verifyHexHmac(rawBody, headers.get(SIGNATURE_HEADER), secrets);
  if (!signed.ok) return signed;
  const timestamp = readTimestamp(rawBody);
  if (timestamp === null) return { ok: false, reason: "the body has no webhookTimestamp" };
  if (Math.abs(now.getTime() - timestamp) > MAX_TIMESTAMP_SKEW_MS) {
    return { ok: false, reason: "the webhookTimestamp is more than 60 s from now (stale or replayed)" };
  }
  return { ok: true };
}

function readTimestamp(rawBody: Buffer): number | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null) return null;
  const value = (body as Record<string, unknown>).webhookTimestamp;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The Linear-Delivery header (a UUID per delivery). The body's `webhookId` is NOT a delivery id:
 * EntityWebhookPayload documents it as "the ID of the webhook that sent this event", the same for
 * every event of one subscription, so deduplicating on it would drop all but the first event.
 * `webhookTimestamp` changes on each retry (retries come minutes to hours later and must still pass
 * the 60 s skew check) and so does the raw body with it. Without the header, the id is therefore a
 * hash of what one event keeps across retries: the webhook, entity type and id, the action, the
 * entity's updatedAt and the payload's createdAt. Two distinct events never collide on all of
 * these; if a retry ever differed in one of them it would only be applied twice, which is harmless.
 */
export function deliveryId(body: unknown, headers: WebhookHeaders): string {
  const header = headers.get(DELIVERY_HEADER)?.trim();
  if (header) return header;
  const envelope = parseOrThrow(WebhookEnvelopeSchema, body, "linear webhook");
  const data = (typeof envelope.data === "object" && envelope.data !== null ? envelope.data : {}) as Record<string, unknown>;
  const parts = [
    envelope.webhookId,
    envelope.type,
    envelope.action,
    String(data.id ?? ""),
    String(data.updatedAt ?? ""),
    envelope.createdAt.toISOString(),
  ];
  return `sha256:${createHash("sha256").update(parts.join("\n")).digest("hex")}`;
}

export function parse(body: unknown): WebhookEvent[] {
  const envelope = parseOrThrow(WebhookEnvelopeSchema, body, "linear webhook");
  const eventType = `${envelope.type}.${envelope.action}`;
  if (envelope.type === "Issue") return [issueEvent(envelope, eventType)];
  if (envelope.type === "Comment") return [commentEvent(envelope, eventType)];
  return [ignored(eventType)];
}

function issueEvent(envelope: WebhookEnvelope, eventType: string): WebhookEvent {
  const ref = parseOrThrow(IssueWebhookRefSchema, envelope.data, "linear webhook Issue data");
  // An issue moved to the trash is gone for us, as listTasks and getTask treat it, whatever the action.
  if (envelope.action === "remove" || ref.trashed === true) {
    // The payload's createdAt is when the issue was removed: newer than any version we stored,
    // whereas data.updatedAt may still be the last edit before the removal.
    return { eventType, action: "delete", externalId: ref.id, providerRef: ref.id, projectExternalId: ref.teamId, updatedAt: envelope.createdAt, task: null };
  }
  if (envelope.action !== "create" && envelope.action !== "update") return ignored(eventType);
  // A payload missing a field the draft needs still names the issue; null asks the pipeline to fetch it.
  const full = IssueWebhookDataSchema.safeParse(envelope.data);
  return {
    eventType,
    action: "upsert",
    externalId: ref.id,
    // A Linear issue's providerRef is its id.
    providerRef: ref.id,
    projectExternalId: ref.teamId,
    updatedAt: ref.updatedAt,
    task: full.success ? draftFromIssueWebhook(full.data) : null,
  };
}

function commentEvent(envelope: WebhookEnvelope, eventType: string): WebhookEvent {
  const comment = parseOrThrow(CommentWebhookDataSchema, envelope.data, "linear webhook Comment data");
  const issueId = comment.issueId ?? comment.issue?.id ?? null;
  // Comments on project updates, initiatives or documents belong to no task.
  if (issueId === null) return ignored(eventType);
  return {
    eventType,
    action: "comment",
    externalId: issueId,
    providerRef: issueId,
    projectExternalId: comment.issue?.teamId ?? null,
    // A comment's time is not a version of its issue.
    updatedAt: null,
    task: null,
  };
}

function ignored(eventType: string): WebhookEvent {
  return { eventType, action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null };
}

export const linearWebhook: WebhookSpec = {
  signatureHeader: "Linear-Signature",
  handshakeHeader: null,
  verify,
  deliveryId,
  parse,
};
