import type { Timestamp } from "firebase-admin/firestore";
import { keyring } from "../config";
import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { ValidationError } from "../domain/validation-error";
import type { WebhookHeaders, WebhookSpec } from "../providers/provider";
import { providerFor } from "../providers/registry";
import { decodeCredentials, MissingCredentialsError, type Credentials } from "../store/credentials";
import { isAlreadyExists } from "../store/db";
import { refs } from "../store/refs";
import { acceptedWebhookSecrets, addWebhookSecret } from "../store/webhook-credentials";
import { parseWebhookPath } from "./endpoint-url";
import type { WebhookEventsMessage } from "./event-message";
import { StepTimer } from "./step-timer";

/** Task payloads are a few kB; ClickUp's history items and GitHub's issue bodies stay far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How long a delivery id is remembered: past every provider's retry window (Asana retries for 24 h, Linear 6 h, GitHub redelivers manually within 3 days). */
export const DELIVERY_TTL_MS = 7 * 24 * 3600 * 1000;

/** What the endpoint needs of an HTTP request. */
export interface IncomingWebhook {
  method: string;
  /** The path after the function's name: "/{provider}/{integrationId}". */
  path: string;
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
  /** The exact bytes received: signatures are over these, never over a re-serialised body. */
  rawBody: Buffer | undefined;
}

export interface WebhookAnswer {
  status: number;
  body: { status: "accepted" | "duplicate" | "handshake" | "rejected"; reason?: string };
  headers?: Record<string, string>;
}

export type PublishEvents = (message: WebhookEventsMessage) => Promise<void>;

/**
 * Receives one delivery: fail closed (every rejection names its reason and writes nothing), then
 * verify, record the delivery id once, hand the parsed events on, and answer. No provider is
 * called here: providers time out after 5 to 10 s, and the applier does the slow part.
 */
export async function receiveWebhook(request: IncomingWebhook, now: Date, publish: PublishEvents, timer = new StepTimer()): Promise<WebhookAnswer> {
  if (request.method !== "POST") return { ...reject(405, "only POST is accepted"), headers: { Allow: "POST" } };
  const target = parseWebhookPath(request.path);
  if (!target) return reject(404, "the path is not /webhooks/{provider}/{integrationId}");
  const provider = ProviderIdSchema.safeParse(target.provider);
  if (!provider.success) return reject(404, "unknown provider");
  const rawBody = request.rawBody ?? Buffer.alloc(0);
  if (rawBody.length > MAX_BODY_BYTES) return reject(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);

  const found = await findIntegration(provider.data, target.integrationId, timer);
  if (!found) return reject(404, "unknown integration");
  const spec = providerFor(provider.data).webhook;
  const headers: WebhookHeaders = { get: (name) => request.header(name) };

  if (isHandshake(spec, headers)) return handshake(spec, headers, target.integrationId, now);

  const verdict = timer.timeSync("verify", () => spec.verify(rawBody, headers, acceptedWebhookSecrets(found.credentials), now));
  if (!verdict.ok) return reject(401, `${spec.signatureHeader}: ${verdict.reason}`);

  const parsed = timer.timeSync("parse", () => parseDelivery(spec, rawBody, headers));
  if ("rejected" in parsed) return parsed.rejected;
  const { deliveryId, events } = parsed;

  const delivery = refs.webhookDelivery(provider.data, target.integrationId, deliveryId);
  try {
    await timer.time("create", () => delivery.create({
      provider: provider.data,
      integrationId: target.integrationId,
      deliveryId,
      eventType: [...new Set(events.map((event) => event.eventType))].join(",").slice(0, 500),
      receivedAt: now,
      processed: false,
      processedAt: null,
      expireAt: new Date(now.getTime() + DELIVERY_TTL_MS),
    }));
  } catch (error) {
    if (isAlreadyExists(error)) return { status: 200, body: { status: "duplicate" } };
    throw error;
  }
  try {
    await timer.time("handoff", () => publish({ orgId: found.orgId, integrationId: target.integrationId, provider: provider.data, deliveryId, events }));
  } catch (error) {
    // Not handed on, so not received: forget the delivery and fail, and the provider's retry is new again.
    await delivery.delete();
    throw error;
  }
  return { status: 200, body: { status: "accepted" } };
}

/** The delivery id and events of a verified body; a rejection when it is not JSON or not the provider's schema. */
function parseDelivery(spec: WebhookSpec, rawBody: Buffer, headers: WebhookHeaders): { deliveryId: string; events: WebhookEventsMessage["events"] } | { rejected: WebhookAnswer } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return { rejected: reject(400, "the body is not JSON") };
  }
  try {
    return { deliveryId: spec.deliveryId(body, headers, rawBody), events: spec.parse(body, headers) };
  } catch (error) {
    if (error instanceof ValidationError) return { rejected: reject(400, error.message) };
    throw error;
  }
}

function reject(status: number, reason: string): WebhookAnswer {
  return { status, body: { status: "rejected", reason } };
}

interface FoundIntegration {
  orgId: string;
  credentials: Credentials;
}

/** Firestore document ids we create: anything else in the path cannot name an integration. */
const INTEGRATION_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The integration behind the path, found through its credential (which names the org); null when there is none for this provider. */
async function findIntegration(provider: ProviderId, integrationId: string, timer: StepTimer): Promise<FoundIntegration | null> {
  if (!INTEGRATION_ID.test(integrationId)) return null;
  const stored = await timer.time("lookup", () => refs.credentials(integrationId).get());
  let credentials: Credentials;
  try {
    credentials = timer.timeSync("decrypt", () => decodeCredentials(integrationId, stored.data(), keyring()));
  } catch (error) {
    if (error instanceof MissingCredentialsError) return null;
    throw error;
  }
  if (credentials.provider !== provider) return null;
  const integration = (await timer.time("lookup", () => refs.integration(credentials.orgId, integrationId).get())).data();
  if (!integration || integration.status === "disconnected") return null;
  return { orgId: credentials.orgId, credentials };
}

/** A handshake carries the handshake header and no signature (asana/webhook.ts). */
function isHandshake(spec: WebhookSpec, headers: WebhookHeaders): boolean {
  return spec.handshakeHeader !== null && headers.get(spec.handshakeHeader) !== undefined && !headers.get(spec.signatureHeader);
}

/**
 * Echoes the handshake secret and stores it, encrypted, as a webhook secret of the integration.
 * Only while one of our registrations waits for it: otherwise anyone who knows the URL could
 * plant a secret of their own and then sign whatever they like.
 */
async function handshake(spec: WebhookSpec, headers: WebhookHeaders, integrationId: string, now: Date): Promise<WebhookAnswer> {
  const header = spec.handshakeHeader as string;
  const secret = headers.get(header)?.trim() ?? "";
  if (secret === "") return reject(400, `${header} is empty`);
  const window = await refs.webhookHandshake(integrationId).get();
  const openUntil = window.get("expireAt") as Timestamp | undefined;
  if (!window.exists || !openUntil || openUntil.toMillis() <= now.getTime()) {
    return reject(401, "no webhook registration of this integration is waiting for a handshake");
  }
  await addWebhookSecret(integrationId, secret);
  return { status: 200, body: { status: "handshake" }, headers: { [header]: secret } };
}
