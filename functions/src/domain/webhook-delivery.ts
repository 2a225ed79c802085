import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

/** webhookDeliveries/{provider}:{deliveryId}: created once per delivery, so a repeat is recognised. */
export const WebhookDeliverySchema = z.object({
  provider: ProviderIdSchema,
  integrationId: z.string().min(1),
  deliveryId: z.string().min(1),
  eventType: z.string(),
  receivedAt: z.date(),
  processed: z.boolean(),
  processedAt: z.date().nullable(),
  /** TTL field: Firestore's TTL policy and the daily cleanup both delete past it. */
  expireAt: z.date(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
