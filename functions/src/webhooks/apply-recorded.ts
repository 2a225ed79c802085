import type { DocumentReference } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { timestampsToDates } from "../domain/converter";
import { WebhookDeliverySchema } from "../domain/webhook-delivery";
import { markDeliveryProcessed } from "../store/webhook-deliveries";
import { applyDelivery } from "./apply";
import { WebhookEventsMessageSchema, type WebhookEventsMessage } from "./event-message";

/**
 * Applies the events a delivery document carries, once. Runs on the document's creation
 * (`applyWebhookDelivery`, retried on failure), so it may run again for one delivery: it reads
 * the document as it is now, not as the event saw it, and a delivery already processed is left
 * alone. A failure before `processed` is set (a provider 5xx, a crash) leaves the delivery to the
 * retry, and each step of applying is idempotent, so a retry after a partial application changes
 * nothing twice. `applications` counts the runs that completed it: 1, or the bench reports it.
 */
export async function applyRecordedDelivery(ref: DocumentReference, now: Date): Promise<void> {
  const snapshot = await ref.get();
  // Expired and deleted (7 days), or created before deliveries carried their events: nothing to apply.
  if (!snapshot.exists) return;
  const delivery = WebhookDeliverySchema.safeParse(timestampsToDates(snapshot.data()));
  if (delivery.success && delivery.data.processed) return;
  const message = delivery.success ? messageOf(delivery.data) : null;
  if (!message) {
    // A retry cannot cure a record that does not parse: end it with the reason instead of failing for 24 h.
    logger.error("webhook delivery record cannot be applied", { path: ref.path });
    await markDeliveryProcessed(ref, now, ["malformed-record"], false);
    return;
  }
  const outcomes = await applyDelivery(message, now);
  await markDeliveryProcessed(ref, now, outcomes, true);
  logger.info("webhook delivery applied", { provider: message.provider, deliveryId: message.deliveryId, outcomes });
}

function messageOf(delivery: { orgId?: string | undefined; events?: string | undefined; provider: string; integrationId: string; deliveryId: string }): WebhookEventsMessage | null {
  if (delivery.orgId === undefined || delivery.events === undefined) return null;
  let events: unknown;
  try {
    events = JSON.parse(delivery.events);
  } catch {
    return null;
  }
  const parsed = WebhookEventsMessageSchema.safeParse({ ...delivery, events });
  return parsed.success ? parsed.data : null;
}
