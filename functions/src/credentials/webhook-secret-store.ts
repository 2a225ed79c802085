import type { DocumentData } from "firebase-admin/firestore";
import { keyring } from "./active-keyring";
import type { RegisteredWebhook } from "../providers/provider";
import { type Credentials, decodeCredentials, encodeCredentials } from "./credential-store";
import { changeCredentialDocument } from "../store/credentials";
import { consumeAwaitedHandshake } from "../store/webhook-handshakes";
import { forgetWebhookTarget } from "../store/webhook-target-cache";
import { hashSecret } from "./one-time-secret";

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

type CredentialsChange = (credentials: Credentials) => Credentials | null;

/** A change of the decrypted credentials, as a change of the stored document. */
function encrypted(integrationId: string, change: CredentialsChange): (stored: DocumentData | undefined) => DocumentData | null {
  return (stored) => {
    const next = change(decodeCredentials(integrationId, stored, keyring()));
    return next ? encodeCredentials(integrationId, next, keyring()) : null;
  };
}

async function updateCredentials(integrationId: string, change: CredentialsChange): Promise<void> {
  await changeCredentialDocument(integrationId, encrypted(integrationId, change));
  // This instance's cached secrets are stale now; other instances' entries expire on their own.
  forgetWebhookTarget(integrationId);
}

/**
 * Stores the secret a provider handed over in a handshake (Asana's X-Hook-Secret), only when the
 * handshake brought the token of a webhook create we are making for this integration
 * (webhooks/registration.ts): the token is consumed in the same transaction, so it serves one
 * handshake. False, and nothing stored, otherwise: anyone who knows the endpoint's URL may send
 * a handshake, and a secret they planted would let them sign whatever they like.
 */
export async function acceptHandshakeSecret(integrationId: string, token: string, secret: string, now: Date): Promise<boolean> {
  const addSecret: CredentialsChange = (credentials) =>
    credentials.webhookSecrets.includes(secret) ? null : { ...credentials, webhookSecrets: [...credentials.webhookSecrets, secret] };
  const accepted = await consumeAwaitedHandshake(hashSecret(token), integrationId, now, encrypted(integrationId, addSecret));
  if (accepted) forgetWebhookTarget(integrationId);
  return accepted;
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
