import type { DocumentSnapshot } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { timestampsToDates } from "../domain/converter";
import { WebhookDeliverySchema } from "../domain/webhook-delivery";
import { markDeliveryProcessed } from "../store/webhook-deliveries";
import { applyDelivery } from "./apply";
import { DeliveryReads } from "./delivery-reads";
import { WebhookEventsMessageSchema, type WebhookEventsMessage } from "./event-message";

/**
 * Applies the events a delivery document carries, once. Runs on the document's creation
 * (`applyWebhookDelivery`, retried on failure), so it may run again for one delivery, even two
 * runs at once (delivery is at least once). The events come from the created document (the
 * endpoint writes them once and nothing changes them); whether the delivery is processed comes
 * from the document as it is now, read with everything else applying needs (DeliveryReads). A
 * failure before `processed` is set (a provider 5xx, a crash) leaves the delivery to the retry,
 * and each step of applying is idempotent, so a retry after a partial application changes
 * nothing twice. `processed` is set only over the version this run read: of two runs at once,
 * one completes it and the other gives way. `applications` counts the runs that completed it:
 * 1, or the bench reports it.
 */
export async function applyRecordedDelivery(created: DocumentSnapshot, now: Date): Promise<void> {
  const recorded = WebhookDeliverySchema.safeParse(timestampsToDates(created.data()));
  const message = recorded.success ? messageOf(recorded.data) : null;
  if (!message) {
    // A retry cannot cure a record that does not parse: end it with the reason instead of failing for 24 h.
    logger.error("webhook delivery record cannot be applied", { path: created.ref.path });
    const current = await created.ref.get();
    if (current.exists && current.get("processed") !== true) await markDeliveryProcessed(current, now, ["malformed-record"], false);
    return;
  }
  const reads = await DeliveryReads.fetch(created.ref, message);
  // Expired and deleted (7 days), or already processed by an earlier run: nothing to apply.
  if (!reads.delivery.exists || reads.delivery.get("processed") === true) return;
  const outcomes = await applyDelivery(message, reads, now);
  if (!(await markDeliveryProcessed(reads.delivery, now, outcomes, true))) {
    logger.info("webhook delivery applied by another run at the same time", { provider: message.provider, deliveryId: message.deliveryId });
    return;
  }
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
