import { FieldValue, type DocumentSnapshot } from "firebase-admin/firestore";
import type { WebhookDelivery } from "../domain/webhook-delivery";
import { isAlreadyExists, isFailedPrecondition } from "./db";
import { refs } from "./refs";

/*
 * The writes of webhookDeliveries/{provider:integration:delivery}: the endpoint's create (the dedup
 * and the hand-off) and the applier's end of processing.
 */

/** Creates the delivery's document; false when it exists (a repeated delivery), which is left as it is. */
export async function createWebhookDelivery(delivery: WebhookDelivery): Promise<boolean> {
  try {
    await refs.webhookDelivery(delivery.provider, delivery.integrationId, delivery.deliveryId).create(delivery);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/**
 * Ends a delivery's processing with what applying each event did, over the version of the
 * document that was read (`read`'s update time): false, writing nothing, when the document
 * changed since, which is another run of the applier having ended it first. `applied`: its
 * events were applied (counted in `applications`), rather than the record ended unapplied.
 */
export async function markDeliveryProcessed(read: DocumentSnapshot, now: Date, outcomes: string[], applied: boolean): Promise<boolean> {
  try {
    await read.ref.update(
      { processed: true, processedAt: now, outcomes, ...(applied ? { applications: FieldValue.increment(1) } : {}) },
      { lastUpdateTime: read.updateTime! },
    );
    return true;
  } catch (error) {
    if (isFailedPrecondition(error)) return false;
    throw error;
  }
}
