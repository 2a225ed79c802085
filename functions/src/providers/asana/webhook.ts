import { createHash } from "node:crypto";
import { stableStringify } from "../../domain/normalized-task";
import { parseOrThrow } from "../../domain/validation-error";
import type { WebhookEvent, WebhookHeaders, WebhookSpec } from "../provider";
import { verifyHexHmac } from "../shared/hmac";
import { AsanaWebhookBodySchema, type AsanaEvent, type AsanaWebhookBody } from "./schemas";

/**
 * Asana webhooks. The secret is not an API field: Asana sends it once, in the X-Hook-Secret
 * header of the handshake request made while POST /webhooks is in flight, and the endpoint must
 * echo it back (200/204) and store it. That handshake carries no signature and no events, and is
 * answered by the endpoint before verify() is ever called. Every later delivery is signed.
 */
export const asanaWebhook: WebhookSpec = {
  signatureHeader: "X-Hook-Signature",
  handshakeHeader: "X-Hook-Secret",

  // HMAC-SHA256 of the raw body keyed with the handshake secret, hex (AS-docs-old _webhooks).
  verify(rawBody, headers, secrets) {
    return verifyHexHmac(rawBody, headers.get("x-hook-signature"), secrets);
  },

  /**
   * Asana sends neither an event id nor a delivery header, so a retry is recognised by its
   * content: a SHA-256 of the events' identifying fields, canonically serialised so whitespace or
   * key order cannot make one retry look new. (Heartbeats, with no events, all share one id;
   * acknowledging a repeat heartbeat as a duplicate is harmless.)
   */
  deliveryId(body) {
    const parsed = parseBody(body);
    return createHash("sha256").update(stableStringify(parsed.events.map(identity))).digest("hex");
  },

  parse(body: unknown, _headers: WebhookHeaders): WebhookEvent[] {
    return parseBody(body).events.map(toEvent);
  },
};

function parseBody(body: unknown): AsanaWebhookBody {
  return parseOrThrow(AsanaWebhookBodySchema, body, "asana webhook");
}

function identity(event: AsanaEvent): unknown {
  return {
    resource: event.resource.gid,
    type: event.resource.resource_type,
    action: event.action,
    createdAt: event.created_at?.toISOString() ?? null,
    field: event.change?.field ?? null,
    changeAction: event.change?.action ?? null,
    parent: event.parent?.gid ?? null,
    user: event.user?.gid ?? null,
  };
}

function toEvent(event: AsanaEvent): WebhookEvent {
  const { resource, parent } = event;
  const updatedAt = event.created_at ?? null;
  const eventType = `${resource.resource_type}.${event.action}`;

  // A comment on a task arrives as a story added to it.
  if (resource.resource_type === "story") {
    const onTask = parent?.resource_type === "task" && resource.resource_subtype === "comment_added";
    const taskGid = onTask ? parent.gid : null;
    return { eventType, action: onTask ? "comment" : "ignore", externalId: taskGid, providerRef: taskGid, projectExternalId: null, updatedAt, task: null };
  }
  if (resource.resource_type !== "task") {
    return { eventType, action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt, task: null };
  }

  const projectExternalId = parent?.resource_type === "project" ? parent.gid : null;
  // An Asana task's providerRef is its gid.
  return { eventType, action: taskAction(event), externalId: resource.gid, providerRef: resource.gid, projectExternalId, updatedAt, task: null };
}

/**
 * deleted → tombstone. removed from a project → tombstone too: the task left the project we sync
 * (if it lives on in another synced project, that project's next sync restores it). removed from
 * a section or a parent task is a move within the project → refetch. Everything else → refetch.
 */
function taskAction(event: AsanaEvent): WebhookEvent["action"] {
  if (event.action === "deleted") return "delete";
  if (event.action === "removed" && event.parent?.resource_type === "project") return "delete";
  return "upsert";
}
