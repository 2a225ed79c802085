import { createHash } from "node:crypto";
import { parseOrThrow } from "../../domain/validation-error";
import type { WebhookEvent, WebhookHeaders, WebhookSpec } from "../provider";
import { verifyHexHmac } from "../shared/hmac";
import { ClickUpWebhookBodySchema, type ClickUpWebhookBody } from "./schemas";

/** Beyond this a delivery id is hashed, so the Firestore document id stays short. */
const MAX_READABLE_ID = 300;

/** Events that change one task; the payload only says what changed, so the task is fetched. */
const TASK_UPSERT_EVENTS = new Set([
  "taskCreated",
  "taskUpdated",
  "taskStatusUpdated",
  "taskAssigneeUpdated",
  "taskPriorityUpdated",
  "taskDueDateUpdated",
  "taskTagUpdated",
  "taskMoved",
  "taskTimeEstimateUpdated",
  "taskTimeTrackedUpdated",
]);
const TASK_COMMENT_EVENTS = new Set(["taskCommentPosted", "taskCommentUpdated"]);

/** Every event the applier acts on: what a registered webhook subscribes to. */
export const SUBSCRIBED_EVENTS: readonly string[] = [...TASK_UPSERT_EVENTS, ...TASK_COMMENT_EVENTS, "taskDeleted"];

export const clickupWebhook: WebhookSpec = {
  signatureHeader: "X-Signature",
  handshakeHeader: null,

  // HMAC-SHA256 of the raw body with the webhook's secret, bare hex (CU-docs webhooksignature).
  verify(rawBody, headers, secrets) {
    return verifyHexHmac(rawBody, headers.get("x-signature"), secrets);
  },

  /**
   * ClickUp sends no delivery id. A retry repeats the event and its history items, whose ids are
   * unique per change; taskDeleted has no history items, and a task is deleted once, so the
   * event and task id identify it.
   */
  deliveryId(body) {
    const parsed = parseBody(body);
    const parts = parsed.history_items.length > 0 ? parsed.history_items.map((item) => item.id) : [parsed.task_id ?? parsed.webhook_id ?? ""];
    const readable = `${parsed.event}:${parts.join(",")}`;
    if (readable.length <= MAX_READABLE_ID && !readable.includes("/")) return readable;
    return `${parsed.event}:sha256:${createHash("sha256").update(readable).digest("hex")}`;
  },

  parse(body: unknown, _headers: WebhookHeaders): WebhookEvent[] {
    const parsed = parseBody(body);
    return [toEvent(parsed)];
  },
};

function parseBody(body: unknown): ClickUpWebhookBody {
  return parseOrThrow(ClickUpWebhookBodySchema, body, "clickup webhook");
}

function toEvent(body: ClickUpWebhookBody): WebhookEvent {
  const base = {
    eventType: body.event,
    externalId: body.task_id ?? null,
    // A ClickUp task's providerRef is its id.
    providerRef: body.task_id ?? null,
    // history_items[].parent_id is the List the task is in (after a move, the new List).
    projectExternalId: body.history_items.find((item) => item.parent_id)?.parent_id ?? null,
    updatedAt: latestDate(body),
    task: null,
  };
  if (body.task_id === undefined) return { ...base, action: "ignore" };
  if (body.event === "taskDeleted") return { ...base, action: "delete" };
  if (TASK_COMMENT_EVENTS.has(body.event)) return { ...base, action: "comment" };
  if (TASK_UPSERT_EVENTS.has(body.event)) return { ...base, action: "upsert" };
  return { ...base, action: "ignore" };
}

/** The newest history item's time: the task's version as of this event. */
function latestDate(body: ClickUpWebhookBody): Date | null {
  const times = body.history_items.flatMap((item) => (item.date ? [item.date.getTime()] : []));
  return times.length === 0 ? null : new Date(Math.max(...times));
}
