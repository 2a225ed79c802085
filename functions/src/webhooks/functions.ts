import { logger } from "firebase-functions";
import { onDocumentCreated } from "firebase-functions/firestore";
import { onCall, onRequest } from "firebase-functions/https";
import { defineInt } from "firebase-functions/params";
import { tokenEncryptionKey } from "../config";
import { CREDENTIAL_SECRETS } from "../config/oauth";
import { registerWebhooks } from "../api/register-webhooks";
import { applyRecordedDelivery } from "./apply-recorded";
import { receiveWebhook } from "./receive";
import { StepTimer, webhookTimingEnabled } from "./step-timer";

/**
 * Instances kept warm for `webhooks`. 0 by default (a cold start still answers well inside
 * providers' 5 to 10 s); a deployment whose first delivery after a quiet spell must be fast sets
 * it in functions/.env.<projectId> (docs/performance.md, production settings), and pays for idle
 * instances.
 */
const webhooksMinInstances = defineInt("WEBHOOKS_MIN_INSTANCES", {
  default: 0,
  description: "Instances of the webhooks endpoint kept warm (billed while idle).",
});

/**
 * POST /webhooks/{provider}/{integrationId}: the URL is part of the public contract (providers
 * are configured with it). Public, because providers cannot authenticate; the signature is the
 * authentication. One vCPU serves 80 concurrent requests: each is mostly waiting on one
 * Firestore write (docs/performance.md).
 */
export const webhooks = onRequest(
  { secrets: [tokenEncryptionKey], timeoutSeconds: 30, concurrency: 80, cpu: 1, memory: "256MiB", minInstances: webhooksMinInstances, invoker: "public" },
  async (req, res) => {
    const timer = new StepTimer();
    const query = (name: string): string | undefined => {
      const value = req.query[name];
      return typeof value === "string" ? value : undefined;
    };
    const answer = await receiveWebhook({ method: req.method, path: req.path, header: (name) => req.get(name), query, rawBody: req.rawBody }, new Date(), timer);
    if (answer.status !== 200) logger.warn("webhook rejected", { path: req.path, status: answer.status, reason: answer.body.reason });
    if (webhookTimingEnabled()) res.set("Server-Timing", timer.serverTiming());
    res.status(answer.status).set(answer.headers ?? {}).json(answer.body);
  },
);

/**
 * The applier: the creation of a delivery document is the hand-off (receive.ts). `retry: true`
 * makes the platform redeliver the event until it succeeds (up to 24 h); applyRecordedDelivery
 * is safe to run again.
 */
export const applyWebhookDelivery = onDocumentCreated(
  { document: "webhookDeliveries/{deliveryKey}", retry: true, secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 },
  async (event) => {
    if (event.data) await applyRecordedDelivery(event.data, new Date());
  },
);

export const registerWebhooksCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 }, registerWebhooks);
