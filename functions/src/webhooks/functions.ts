import { logger } from "firebase-functions";
import { onCall, onRequest } from "firebase-functions/https";
import { onMessagePublished } from "firebase-functions/pubsub";
import { Timestamp } from "firebase-admin/firestore";
import { TOPICS, tokenEncryptionKey } from "../config";
import { CREDENTIAL_SECRETS } from "../oauth/params";
import { registerWebhooks } from "../api/register-webhooks";
import { refs } from "../store/refs";
import { topic } from "../sync/publish";
import { applyDelivery } from "./apply";
import { WebhookEventsMessageSchema, type WebhookEventsMessage } from "./event-message";
import { receiveWebhook } from "./receive";
import { StepTimer, webhookTimingEnabled } from "./step-timer";

/** Sent at once: the endpoint answers only after its message is out, and providers wait at most 5 to 10 s. */
async function publishEvents(message: WebhookEventsMessage): Promise<void> {
  await topic(TOPICS.webhookEvents, 0).publishMessage({ json: message, attributes: { deliveryId: message.deliveryId } });
}

/**
 * POST /webhooks/{provider}/{integrationId}: the URL is part of the public contract (providers
 * are configured with it). Public, because providers cannot authenticate; the signature is the
 * authentication. minInstances stays 0: a cold start still answers well inside 5 s.
 */
export const webhooks = onRequest({ secrets: [tokenEncryptionKey], timeoutSeconds: 30, concurrency: 80, invoker: "public" }, async (req, res) => {
  const timer = new StepTimer();
  const answer = await receiveWebhook(
    { method: req.method, path: req.path, header: (name) => req.get(name), rawBody: req.rawBody },
    new Date(),
    publishEvents,
    timer,
  );
  if (answer.status !== 200) logger.warn("webhook rejected", { path: req.path, status: answer.status, reason: answer.body.reason });
  if (webhookTimingEnabled()) res.set("Server-Timing", timer.serverTiming());
  res.status(answer.status).set(answer.headers ?? {}).json(answer.body);
});

const MARKER_TTL_MS = 7 * 24 * 3600 * 1000;

export const applyWebhookEvents = onMessagePublished(
  { topic: TOPICS.webhookEvents, retry: true, secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 },
  async (event) => {
    const message = event.data.message;
    const parsed = WebhookEventsMessageSchema.safeParse(readJson(() => message.json as unknown));
    if (!parsed.success) {
      logger.error("webhook-events: malformed message dropped", { messageId: message.messageId });
      return;
    }
    // Redeliveries share the Pub/Sub messageId (the emulator's CloudEvent id is random).
    const marker = refs.eventMarker(`webhook-events:${message.messageId}`);
    if ((await marker.get()).exists) return;
    const outcomes = await applyDelivery(parsed.data, new Date());
    await marker.set({ expireAt: Timestamp.fromMillis(Date.now() + MARKER_TTL_MS) });
    logger.info("webhook delivery applied", { provider: parsed.data.provider, deliveryId: parsed.data.deliveryId, outcomes });
  },
);

export const registerWebhooksCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 }, registerWebhooks);

/** The message's JSON, or undefined when it is not JSON (Message.json throws then). */
function readJson(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}
