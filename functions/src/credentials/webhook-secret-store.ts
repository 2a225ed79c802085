import type { DocumentData } from "firebase-admin/firestore";
import { keyring } from "./active-keyring";
import type { RegisteredWebhook } from "../providers/provider";
import { type Credentials, decodeCredentials, encodeCredentials, type HandshakeSecret } from "./credential-store";
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

/**
 * Every secret a delivery may be signed with: pasted ones (and handshake secrets stored before
 * they were kept per webhook), those of registered webhooks, and those of handshakes whose create
 * is still returning (its provider may deliver before we record the webhook).
 */
export function acceptedWebhookSecrets(credentials: Credentials): string[] {
  const fromHooks = registeredWebhooks(credentials).flatMap((hook) => (hook.secret ? [hook.secret] : []));
  const fromHandshakes = (credentials.handshakeSecrets ?? []).map((pending) => pending.secret);
  return [...new Set([...credentials.webhookSecrets, ...fromHooks, ...fromHandshakes])];
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
 * Keeps the secret a provider handed over in a handshake (Asana's X-Hook-Secret) until its create
 * returns and records the webhook with it (recordRegisteredWebhook), only when the
 * handshake brought the token of a webhook create we are making for this integration
 * (webhooks/registration.ts): the token is consumed in the same transaction, so it serves one
 * handshake. False, and nothing stored, otherwise: anyone who knows the endpoint's URL may send
 * a handshake, and a secret they planted would let them sign whatever they like.
 */
export async function acceptHandshakeSecret(integrationId: string, token: string, secret: string, now: Date): Promise<boolean> {
  const tokenHash = hashSecret(token);
  const addSecret: CredentialsChange = (credentials) => ({
    ...credentials,
    handshakeSecrets: [...pendingHandshakes(credentials, tokenHash).others, { tokenHash, secret }],
  });
  const accepted = await consumeAwaitedHandshake(tokenHash, integrationId, now, encrypted(integrationId, addSecret));
  if (accepted) forgetWebhookTarget(integrationId);
  return accepted;
}

/**
 * Records a webhook we created. One whose create was answered by a handshake
 * (`handshakeTokenHash`) takes that handshake's secret as its own, so the secret goes when the
 * webhook is deleted.
 */
export function recordRegisteredWebhook(integrationId: string, hook: RegisteredWebhook, handshakeTokenHash: string | null = null): Promise<void> {
  return updateCredentials(integrationId, (credentials) => {
    const { mine, others } = pendingHandshakes(credentials, handshakeTokenHash);
    const recorded = mine ? { ...hook, secret: mine.secret } : hook;
    return {
      ...credentials,
      webhooks: [...registeredWebhooks(credentials).filter((existing) => existing.id !== hook.id), recorded],
      handshakeSecrets: others,
    };
  });
}

/** Drops the secret of a handshake whose create failed: no webhook of the provider signs with it. */
export function forgetHandshakeSecret(integrationId: string, handshakeTokenHash: string): Promise<void> {
  return updateCredentials(integrationId, (credentials) => {
    const { mine, others } = pendingHandshakes(credentials, handshakeTokenHash);
    return mine ? { ...credentials, handshakeSecrets: others } : null;
  });
}

function pendingHandshakes(credentials: Credentials, tokenHash: string | null): { mine: HandshakeSecret | undefined; others: HandshakeSecret[] } {
  const pending = credentials.handshakeSecrets ?? [];
  return { mine: pending.find((entry) => entry.tokenHash === tokenHash), others: pending.filter((entry) => entry.tokenHash !== tokenHash) };
}

export function forgetRegisteredWebhook(integrationId: string, hookId: string): Promise<void> {
  return updateCredentials(integrationId, (credentials) => ({
    ...credentials,
    webhooks: registeredWebhooks(credentials).filter((existing) => existing.id !== hookId),
  }));
}
