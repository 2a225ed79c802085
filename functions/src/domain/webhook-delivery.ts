import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

/**
 * webhookDeliveries/{provider}:{integrationId}:{deliveryId}: created once per delivery, so a
 * repeat is recognised, and carrying the verified delivery's events, so its creation is the
 * hand-off to the applier (webhooks/functions.ts `applyWebhookDelivery`).
 */
export const WebhookDeliverySchema = z.object({
  provider: ProviderIdSchema,
  integrationId: z.string().min(1),
  deliveryId: z.string().min(1),
  eventType: z.string(),
  receivedAt: z.date(),
  /** The org the integration belongs to; absent on records written before the document was the hand-off. */
  orgId: z.string().min(1).optional(),
  /** The parsed events as JSON (webhooks/event-message.ts's wire form); see webhooks/delivery-record.ts for the size bound. */
  events: z.string().optional(),
  /** True when the events were too large to keep whole and their task payloads were dropped: the applier fetches those tasks. */
  eventsReduced: z.boolean().optional(),
  processed: z.boolean(),
  processedAt: z.date().nullable(),
  /** What applying each event did (webhooks/apply.ts ApplyOutcome), once processed. */
  outcomes: z.array(z.string()).optional(),
  /** How many times the events were applied: 1 once processed; the bench counts it to prove exactly-once. */
  applications: z.number().int().optional(),
  /** TTL field: Firestore's TTL policy and the daily cleanup both delete past it. */
  expireAt: z.date(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
