import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { ValidationError } from "../domain/validation-error";
import type { WebhookEvent, WebhookHeaders, WebhookSpec } from "../providers/provider";
import { providerFor } from "../providers/registry";
import { createWebhookDelivery } from "../store/webhook-deliveries";
import { acceptHandshakeSecret } from "../credentials/webhook-secret-store";
import { cachedWebhookTarget, claimRefreshAhead, type WebhookTarget } from "../store/webhook-target-cache";
import { recordEvents } from "./delivery-record";
import { HANDSHAKE_TOKEN_PARAM, parseWebhookPath } from "./endpoint-url";
import { deliveryIdProblem, isValidIntegrationId } from "./ids";
import { StepTimer } from "./step-timer";
import { judgeWebhookTarget, refreshWebhookTargetInBackground, targetReadTicket, type Judgement } from "./target-reads";

/** What registration.ts hands out (credentials/one-time-secret.ts): anything else is refused unread. */
const HANDSHAKE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

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
  /** A query parameter given once; undefined when absent or repeated. */
  query(name: string): string | undefined;
  /** The exact bytes received: signatures are over these, never over a re-serialised body. */
  rawBody: Buffer | undefined;
}

export interface WebhookAnswer {
  status: number;
  body: { status: "accepted" | "duplicate" | "handshake" | "rejected"; reason?: string };
  headers?: Record<string, string>;
}

/**
 * Receives one delivery: fail closed (every rejection names its reason and writes nothing), then
 * verify, and answer after exactly one write: the delivery document, created once per delivery
 * id (the dedup) and carrying the parsed events (the hand-off: its creation triggers the
 * applier). No provider is called and nothing else is awaited: providers time out after 5 to
 * 10 s, and the applier does the slow part.
 */
export async function receiveWebhook(request: IncomingWebhook, now: Date, timer = new StepTimer()): Promise<WebhookAnswer> {
  if (request.method !== "POST") return { ...reject(405, "only POST is accepted"), headers: { Allow: "POST" } };
  // First: the framework has already buffered the body (architecture.md, webhooks), so refuse an oversized one before any other work.
  const rawBody = request.rawBody ?? Buffer.alloc(0);
  if (rawBody.length > MAX_BODY_BYTES) return reject(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const target = parseWebhookPath(request.path);
  if (!target) return reject(404, "the path is not /webhooks/{provider}/{integrationId}");
  const provider = ProviderIdSchema.safeParse(target.provider);
  if (!provider.success) return reject(404, "unknown provider");
  const { integrationId } = target;
  if (!isValidIntegrationId(integrationId)) return reject(404, "unknown integration: an integration id is 1 to 128 letters, digits, '-' or '_', and never __…__");

  const spec = providerFor(provider.data).webhook;
  const headers: WebhookHeaders = { get: (name) => request.header(name) };
  if (isHandshake(spec, headers)) {
    const known = await judgeWebhookTarget(integrationId, targetReadTicket(), timer, (found) => {
      const refused = found?.provider !== provider.data;
      return { refused, outcome: !refused };
    });
    if (!known) return reject(404, "unknown integration");
    return handshake(spec, headers, integrationId, request.query(HANDSHAKE_TOKEN_PARAM), now);
  }

  const verified = await verifiedTarget(provider.data, integrationId, spec, rawBody, headers, now, timer);
  if ("rejected" in verified) return verified.rejected;
  const { found } = verified;

  const parsed = timer.timeSync("parse", () => parseDelivery(spec, rawBody, headers));
  if ("rejected" in parsed) return parsed.rejected;
  const { deliveryId, events } = parsed;
  const problem = deliveryIdProblem(deliveryId);
  if (problem) return reject(400, problem);
  const recorded = recordEvents(events);
  if (!recorded) return reject(413, "the delivery's events are too large to record");

  const created = await timer.time("create", () =>
    createWebhookDelivery({
      provider: provider.data,
      integrationId,
      deliveryId,
      orgId: found.orgId,
      eventType: [...new Set(events.map((event) => event.eventType))].join(",").slice(0, 500),
      ...recorded,
      receivedAt: now,
      processed: false,
      processedAt: null,
      expireAt: new Date(now.getTime() + DELIVERY_TTL_MS),
    }),
  );
  return { status: 200, body: { status: created ? "accepted" : "duplicate" } };
}

/**
 * The integration behind the path, with its secrets checked against the signature. Cached
 * secrets that do not verify are read again before the delivery is refused: a secret added in
 * another instance (a rotation) then verifies at once, while a removed one stops verifying when
 * the cache entry expires (store/webhook-target-cache.ts). Every refusal is decided by a read
 * that began after this request arrived (webhooks/target-reads.ts), even when the read is shared.
 */
async function verifiedTarget(
  provider: ProviderId,
  integrationId: string,
  spec: WebhookSpec,
  rawBody: Buffer,
  headers: WebhookHeaders,
  now: Date,
  timer: StepTimer,
): Promise<{ found: WebhookTarget } | { rejected: WebhookAnswer }> {
  const ticket = targetReadTicket();
  const cached = timer.timeSync("lookup", () => cachedWebhookTarget(integrationId));
  // An integration's provider never changes, so a path naming another one is refused without a read.
  if (cached && cached.provider !== provider) return { rejected: reject(404, "unknown integration") };
  if (cached && timer.timeSync("verify", () => spec.verify(rawBody, headers, cached.secrets, now)).ok) {
    if (claimRefreshAhead(integrationId)) refreshWebhookTargetInBackground(integrationId, new StepTimer());
    return { found: cached };
  }
  return judgeWebhookTarget(integrationId, ticket, timer, (found): Judgement<{ found: WebhookTarget } | { rejected: WebhookAnswer }> => {
    if (!found || found.provider !== provider) return { refused: true, outcome: { rejected: reject(404, "unknown integration") } };
    const verdict = timer.timeSync("verify", () => spec.verify(rawBody, headers, found.secrets, now));
    if (!verdict.ok) return { refused: true, outcome: { rejected: reject(401, `${spec.signatureHeader}: ${verdict.reason}`) } };
    return { refused: false, outcome: { found } };
  });
}

/** The delivery id and events of a verified body; a rejection when it is not JSON or not the provider's schema. */
function parseDelivery(spec: WebhookSpec, rawBody: Buffer, headers: WebhookHeaders): { deliveryId: string; events: WebhookEvent[] } | { rejected: WebhookAnswer } {
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

/** A handshake carries the handshake header and no signature (asana/webhook.ts). */
function isHandshake(spec: WebhookSpec, headers: WebhookHeaders): boolean {
  return spec.handshakeHeader !== null && headers.get(spec.handshakeHeader) !== undefined && !headers.get(spec.signatureHeader);
}

/**
 * Echoes the handshake secret and stores it, encrypted, as a webhook secret of the integration:
 * only when the request brings the one-time token of a create we are making for this integration
 * (webhooks/registration.ts). Anyone who knows the endpoint's URL can send a handshake, and a
 * secret they planted would let them sign whatever they like.
 */
async function handshake(spec: WebhookSpec, headers: WebhookHeaders, integrationId: string, token: string | undefined, now: Date): Promise<WebhookAnswer> {
  const header = spec.handshakeHeader as string;
  const secret = headers.get(header)?.trim() ?? "";
  if (secret === "") return reject(400, `${header} is empty`);
  const accepted = token !== undefined && HANDSHAKE_TOKEN.test(token) && (await acceptHandshakeSecret(integrationId, token, secret, now));
  if (!accepted) return reject(401, "no webhook registration of this integration is waiting for a handshake at this URL");
  return { status: 200, body: { status: "handshake" }, headers: { [header]: secret } };
}
