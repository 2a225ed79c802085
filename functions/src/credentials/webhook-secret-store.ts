import { keyring } from "./active-keyring";
import type { RegisteredWebhook } from "../providers/provider";
import { type Credentials, decodeCredentials, encodeCredentials } from "./credential-store";
import { changeCredentialDocument } from "../store/credentials";
import { forgetWebhookTarget } from "../store/webhook-target-cache";

/**
 * The webhook parts of an integration's encrypted credentials: the secrets a delivery may be
 * signed with, and the webhooks we registered. Every change is a transaction on the credential
 * document, because the Asana handshake (in the webhooks function) and the registration that
 * triggered it (in another instance) change it at the same moment.
 */

/** Every secret a delivery may be signed with: pasted or handshake secrets, and those of registered webhooks. */
export function acceptedWebhookSecrets(credentials: Credentials): string[] {
  const fromHooks = (credentials.webhooks ?? []).flatMap((hook) => (hook.secret ? [hook.secret] : []));
  return [...new Set([...credentials.webhookSecrets, ...fromHooks])];
}

export function registeredWebhooks(credentials: Credentials): RegisteredWebhook[] {
  return credentials.webhooks ?? [];
}

async function updateCredentials(integrationId: string, change: (credentials: Credentials) => Credentials | null): Promise<void> {
  await changeCredentialDocument(integrationId, (stored) => {
    const next = change(decodeCredentials(integrationId, stored, keyring()));
    return next ? encodeCredentials(integrationId, next, keyring()) : null;
  });
  // This instance's cached secrets are stale now; other instances' entries expire on their own.
  forgetWebhookTarget(integrationId);
}

/** Adds a secret a provider handed over in a handshake (Asana's X-Hook-Secret). */
export function addWebhookSecret(integrationId: string, secret: string): Promise<void> {
  return updateCredentials(integrationId, (credentials) =>
    credentials.webhookSecrets.includes(secret) ? null : { ...credentials, webhookSecrets: [...credentials.webhookSecrets, secret] },
  );
}

export function recordRegisteredWebhook(integrationId: string, hook: RegisteredWebhook): Promise<void> {
  return updateCredentials(integrationId, (credentials) => ({
    ...credentials,
    webhooks: [...registeredWebhooks(credentials).filter((existing) => existing.id !== hook.id), hook],
  }));
}

export function forgetRegisteredWebhook(integrationId: string, hookId: string): Promise<void> {
  return updateCredentials(integrationId, (credentials) => ({
    ...credentials,
    webhooks: registeredWebhooks(credentials).filter((existing) => existing.id !== hookId),
  }));
}
