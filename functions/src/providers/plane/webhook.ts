import { createHash } from "node:crypto";
import { parseOrThrow, ValidationError } from "../../domain/validation-error";
import type { WebhookEvent, WebhookSpec } from "../provider";
import { verifyHexHmac } from "../shared/hmac";
import { IsoDateTimeSchema } from "../shared/iso-dates";
import { PlaneWebhookV1Schema, PlaneWebhookV2Schema, type PlaneWebhookV1, type PlaneWebhookV2 } from "./schemas";

const SIGNATURE_HEADER = "X-Plane-Signature";

/*
 * Plane sends two body shapes (shared/providers.md §3.2): v2, the current cloud webhooks, with
 * dot-notation events and a stable `event_id`; and v1, deprecated but still what older webhooks
 * and the open-source edition send, with `event` + `action`. Neither carries the work item's
 * state group, so no event holds a complete task: the applier fetches the item.
 */
export const planeWebhook: WebhookSpec = {
  signatureHeader: SIGNATURE_HEADER,
  handshakeHeader: null,

  // Hex HMAC-SHA256 of the raw bytes, no prefix. Plane signs Python's json.dumps output (", "
  // separators), which only the raw body reproduces.
  verify(rawBody, headers, secrets) {
    return verifyHexHmac(rawBody, headers.get(SIGNATURE_HEADER.toLowerCase()), secrets);
  },

  /**
   * v2: the body's `event_id`, stable across retries (X-Plane-Delivery is new on every attempt).
   * v1 has no stable id at all, but a retry resends the same serialized payload, so the hash of
   * the raw body is the same on every attempt of one delivery.
   */
  deliveryId(body, _headers, rawBody) {
    if (isV2(body)) return parseOrThrow(PlaneWebhookV2Schema, body, "plane webhook").event_id;
    return `v1-${createHash("sha256").update(rawBody).digest("hex")}`;
  },

  parse(body) {
    if (isV2(body)) return [fromV2(parseOrThrow(PlaneWebhookV2Schema, body, "plane webhook"))];
    return [fromV1(parseOrThrow(PlaneWebhookV1Schema, body, "plane webhook"))];
  },
};

function fromV2(body: PlaneWebhookV2): WebhookEvent {
  const eventType = canonicalEvent(body.event);
  const data = body.data;
  const previous = body.previous_attributes ?? {};
  switch (eventType) {
    case "workitem.created":
    case "workitem.updated":
      return event(eventType, "upsert", body.entity_id, text(data, "project_id"), timestamp(data, "updated_at"));
    // Archived items drop out of Plane's lists like deleted ones, so both end the task here.
    case "workitem.archived":
    case "workitem.deleted":
      return event(eventType, "delete", body.entity_id, text(data, "project_id") ?? text(previous, "project_id"), null);
    case "workitem.comment.created":
    case "workitem.comment.updated":
    case "workitem.comment.deleted": {
      const comment = isRecord(data["comment"]) ? data["comment"] : {};
      const item = text(comment, "issue_id") ?? text(data, "id") ?? text(previous, "issue_id") ?? body.entity_id;
      return event(eventType, "comment", item, text(data, "project_id"), null);
    }
    default:
      return event(eventType, "ignore", null, null, null);
  }
}

function fromV1(body: PlaneWebhookV1): WebhookEvent {
  const action = V1_ACTIONS[body.action] ?? body.action;
  const eventType = `${body.event}.${action}`;
  const data = body.data ?? {};
  if (body.event === "issue") {
    const id = text(data, "id");
    if (id === null) throw new ValidationError("plane webhook", [{ field: "data.id", message: "is missing" }]);
    if (action === "deleted") return event(eventType, "delete", id, null, null);
    if (action === "created" || action === "updated") {
      return event(eventType, "upsert", id, text(data, "project") ?? text(data, "project_id"), timestamp(data, "updated_at"));
    }
  }
  if (body.event === "issue_comment") {
    // A deleted comment's payload is only its own id: nothing says which work item it was on.
    const item = text(data, "issue") ?? text(data, "issue_id");
    if (item !== null) return event(eventType, "comment", item, text(data, "project"), null);
  }
  return event(eventType, "ignore", null, null, null);
}

/** v1 actions as the docs write them (create/update/delete) and as the open-source sender does (created/…). */
const V1_ACTIONS: Record<string, string> = { create: "created", update: "updated", delete: "deleted" };

/**
 * The dot-notation event name. Plane's own documented example sends the enum's name instead
 * ("WebhookScope.ScopeChoices.WORK_ITEM_UPDATED"), so that form is read as well.
 */
export function canonicalEvent(event: string): string {
  const enumForm = /WORK_ITEM_([A-Z_]+)$/.exec(event);
  if (enumForm) return `workitem.${(enumForm[1] as string).toLowerCase().replace(/_/g, ".")}`;
  return event.toLowerCase();
}

function event(
  eventType: string,
  action: WebhookEvent["action"],
  externalId: string | null,
  projectExternalId: string | null,
  updatedAt: Date | null,
): WebhookEvent {
  // A work item's providerRef is "project-id/work-item-id" (normalize.ts).
  const providerRef = externalId !== null && projectExternalId !== null ? `${projectExternalId}/${externalId}` : null;
  return { eventType, action, externalId, providerRef, projectExternalId, updatedAt, task: null };
}

function isV2(body: unknown): boolean {
  return isRecord(body) && body["version"] === "v2";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field; v2's "None" (Python's null, stringified) and "" mean absent. */
function text(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === "string" && value !== "" && value !== "None" ? value : null;
}

function timestamp(record: Record<string, unknown>, key: string): Date | null {
  const parsed = IsoDateTimeSchema.safeParse(text(record, key));
  return parsed.success ? parsed.data : null;
}
