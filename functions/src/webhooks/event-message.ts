import { z } from "zod";
import { ProviderIdSchema } from "../domain/provider-id";
import { TaskDraftSchema } from "../domain/task";
import type { WebhookEvent } from "../providers/provider";

/**
 * One verified, recorded delivery's parsed events, handed from the endpoint to the applier in the
 * delivery document (its `events`, as JSON). Dates travel as ISO strings and are revived by this schema.
 */
const wireDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const WireTaskDraftSchema = TaskDraftSchema.extend({
  createdAt: wireDate.nullable(),
  updatedAt: wireDate,
  startAt: wireDate.nullable(),
  dueAt: wireDate.nullable(),
  completedAt: wireDate.nullable(),
});

const WireEventSchema = z.object({
  eventType: z.string(),
  action: z.enum(["upsert", "delete", "comment", "ignore"]),
  externalId: z.string().min(1).nullable(),
  providerRef: z.string().min(1).nullable(),
  projectExternalId: z.string().min(1).nullable(),
  updatedAt: wireDate.nullable(),
  task: WireTaskDraftSchema.nullable(),
});

export const WebhookEventsMessageSchema = z.object({
  orgId: z.string().min(1),
  integrationId: z.string().min(1),
  provider: ProviderIdSchema,
  deliveryId: z.string().min(1),
  events: z.array(WireEventSchema),
});
export type WebhookEventsMessage = Omit<z.infer<typeof WebhookEventsMessageSchema>, "events"> & { events: WebhookEvent[] };
