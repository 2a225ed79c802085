import { randomBytes } from "node:crypto";
import { logger } from "firebase-functions";
import { keyring } from "../credentials/active-keyring";
import type { Integration } from "../domain/integration";
import { projectDocId } from "../store/projects";
import type { ProjectInfo, RegisteredWebhook } from "../providers/provider";
import { providerFor } from "../providers/registry";
import { openSession } from "../credentials/session";
import { loadCredentials } from "../credentials/credential-store";
import { refs } from "../store/refs";
import { awaitHandshake, stopAwaitingHandshake, type AwaitedHandshake } from "../store/webhook-handshakes";
import { hashSecret, newSecret } from "../credentials/one-time-secret";
import { isProjectSelected } from "../sync/project-selection";
import { forgetHandshakeSecret, forgetRegisteredWebhook, recordRegisteredWebhook, registeredWebhooks } from "../credentials/webhook-secret-store";
import { handshakeUrl, webhookUrl } from "./endpoint-url";

/** How long after a registration starts the endpoint accepts its creates' handshakes (Asana makes each during its create call). */
export const HANDSHAKE_WINDOW_MS = 5 * 60 * 1000;

export interface RegistrationReport {
  /** "api": created through the provider's API; "manual": the provider has none, paste `url` and a secret into it (Plane). */
  mode: "api" | "manual";
  url: string;
  /** Webhooks created by this call. */
  created: number;
  /** Webhooks registered in all, this call's included. */
  registered: number;
}

/**
 * Creates the webhooks an integration is missing: one per scope (repository, team, project) of
 * its selected projects. What exists is kept, so calling it again (the callable, a reconnect)
 * only adds what new projects need. Each webhook is recorded as soon as it exists, so a failure
 * half-way leaves nothing unrecorded in the provider. Called by the connect flow and by the
 * `registerWebhooks` callable.
 */
export async function registerIntegrationWebhooks(orgId: string, integrationId: string, now: Date): Promise<RegistrationReport> {
  const integration = await connectedIntegration(orgId, integrationId);
  const { provider, session } = await openSession(orgId, integrationId, integration);
  const url = webhookUrl(provider.id, integrationId);
  const registration = provider.webhookRegistration;
  const existing = registeredWebhooks(await loadCredentials(integrationId, keyring()));
  if (registration === null) return { mode: "manual", url, created: 0, registered: existing.length };

  const projects = selected(integration, await provider.listProjects(session));
  const covered = new Set(existing.map((hook) => hook.scope));
  const missing = registration.scopes(session, projects).filter((scope) => !covered.has(scope));
  if (missing.length === 0) return { mode: "api", url, created: 0, registered: existing.length };

  // One secret for this call's webhooks, for the providers that let us choose it.
  const secret = randomBytes(32).toString("hex");
  const awaited = provider.webhook.handshakeHeader === null ? null : { integrationId, orgId, expireAt: new Date(now.getTime() + HANDSHAKE_WINDOW_MS) };
  let created = 0;
  for (const scope of missing) {
    const { hook, handshakeTokenHash } = await createWebhook(url, awaited, (targetUrl) => registration.create(session, scope, { url: targetUrl, secret }));
    await recordRegisteredWebhook(integrationId, hook, handshakeTokenHash);
    created += 1;
  }
  logger.info("webhooks registered", { orgId, integrationId, provider: provider.id, created });
  return { mode: "api", url, created, registered: existing.length + created };
}

/**
 * One create. When the provider answers it with a handshake (`awaited` not null), the target URL
 * carries a fresh one-time token, and the endpoint takes the handshake's secret only with that
 * token, only while this create is in flight: a handshake from anyone else, even one sent at the
 * same moment, is refused (credentials/webhook-secret-store.ts, acceptHandshakeSecret). The
 * token's hash names the handshake's secret until the webhook is recorded with it.
 */
async function createWebhook(
  url: string,
  awaited: AwaitedHandshake | null,
  create: (targetUrl: string) => Promise<RegisteredWebhook>,
): Promise<{ hook: RegisteredWebhook; handshakeTokenHash: string | null }> {
  if (awaited === null) return { hook: await create(url), handshakeTokenHash: null };
  const token = newSecret();
  const tokenHash = hashSecret(token);
  await awaitHandshake(tokenHash, awaited);
  let hook: RegisteredWebhook;
  try {
    hook = await create(handshakeUrl(url, token));
  } catch (error) {
    await stopAwaiting(tokenHash, awaited);
    // The provider may have made the handshake and still failed the create: that secret signs
    // nothing. The create's error is the one to report; a secret left behind only verifies.
    await forgetHandshakeSecret(awaited.integrationId, tokenHash).catch((forgetError: unknown) => {
      logger.warn("the secret of a failed create's handshake could not be dropped", { integrationId: awaited.integrationId, error: String(forgetError) });
    });
    throw error;
  }
  await stopAwaiting(tokenHash, awaited);
  return { hook, handshakeTokenHash: tokenHash };
}

/**
 * A handshake that came consumed its document already; one that did not must not stay open. A
 * failed delete is not the create's failure (its webhook must still be recorded): `expireAt` and
 * cleanup close the document.
 */
async function stopAwaiting(tokenHash: string, awaited: AwaitedHandshake): Promise<void> {
  await stopAwaitingHandshake(tokenHash).catch((error: unknown) => {
    logger.warn("an awaited handshake could not be closed", { integrationId: awaited.integrationId, error: String(error) });
  });
}

/**
 * Deletes every webhook registered for the integration from its provider and forgets it. For
 * disconnect: call it while the credential still exists. A webhook the provider no longer has
 * counts as deleted; one that fails to delete stays recorded and the error is thrown.
 */
export async function deleteIntegrationWebhooks(orgId: string, integrationId: string): Promise<{ deleted: number }> {
  const integration = (await refs.integration(orgId, integrationId).get()).data();
  if (!integration) return { deleted: 0 };
  const hooks = registeredWebhooks(await loadCredentials(integrationId, keyring()));
  const registration = providerFor(integration.provider).webhookRegistration;
  if (hooks.length === 0 || registration === null) return { deleted: 0 };
  const { session } = await openSession(orgId, integrationId, integration);
  let deleted = 0;
  for (const hook of hooks) {
    await registration.remove(session, hook);
    await forgetRegisteredWebhook(integrationId, hook.id);
    deleted += 1;
  }
  return { deleted };
}

async function connectedIntegration(orgId: string, integrationId: string): Promise<Integration> {
  const integration = (await refs.integration(orgId, integrationId).get()).data();
  if (!integration) throw new IntegrationNotFoundError(integrationId);
  if (integration.status !== "connected") throw new IntegrationNotConnectedError(integrationId, integration.status);
  return integration;
}

function selected(integration: Integration, projects: ProjectInfo[]): ProjectInfo[] {
  return projects.filter((project) => isProjectSelected(integration, projectDocId(project.externalId)));
}

export class IntegrationNotFoundError extends Error {
  constructor(integrationId: string) {
    super(`integration ${integrationId} does not exist`);
    this.name = "IntegrationNotFoundError";
  }
}

export class IntegrationNotConnectedError extends Error {
  constructor(integrationId: string, status: string) {
    super(`integration ${integrationId} is ${status}, not connected`);
    this.name = "IntegrationNotConnectedError";
  }
}
