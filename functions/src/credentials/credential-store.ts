import { Timestamp, type DocumentData } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { z } from "zod";
import { timestampsToDates } from "../domain/converter";
import { AuthKindSchema, type AuthKind } from "../domain/integration";
import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { parseOrThrow } from "../domain/validation-error";
import type { RegisteredWebhook } from "../providers/provider";
import { reencryptIfRotated } from "./credential-rotation";
import { EncryptedBlobSchema, type Keyring } from "./keyring";
import { deleteCredentialDocument, readCredentialDocument, writeCredentialDocument } from "../store/credentials";
import { forgetWebhookTarget } from "../store/webhook-target-cache";

/** What is encrypted: everything that would let someone act as the user. */
const SecretPartSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().nullable(),
  /** Webhook signing secrets; two while one rotates. */
  webhookSecrets: z.array(z.string().min(1)),
  /** Webhooks we created in the provider (credentials/webhook-secret-store.ts); absent in credentials saved before there were any. */
  webhooks: z.array(z.object({ id: z.string().min(1), scope: z.string(), secret: z.string().min(1).nullable() })).default([]),
  /** Secrets of handshakes whose create has not returned yet, by the hash of the create's token (credentials/webhook-secret-store.ts). */
  handshakeSecrets: z.array(z.object({ tokenHash: z.string().min(1), secret: z.string().min(1) })).default([]),
});

/** credentials/{integrationId}: no client may read it (firestore.rules has no match for it). */
const CredentialDocSchema = z.object({
  orgId: z.string().min(1),
  provider: ProviderIdSchema,
  authKind: AuthKindSchema,
  secrets: EncryptedBlobSchema,
  /** In clear so refresh can be planned without decrypting; null for tokens that do not expire. */
  accessTokenExpiresAt: z.date().nullable(),
  /** The app installation a bot token is minted for (Plane's app_installation_id); not a secret. */
  installationId: z.string().min(1).nullable().optional(),
  updatedAt: z.date(),
});

export interface Credentials {
  orgId: string;
  provider: ProviderId;
  authKind: AuthKind;
  accessToken: string;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
  webhookSecrets: string[];
  /** The webhooks registered for this integration. Keep them when re-saving: spread the loaded credentials. */
  webhooks?: RegisteredWebhook[];
  /** Handshake secrets waiting for their create to return and record its webhook. Kept like `webhooks`. */
  handshakeSecrets?: HandshakeSecret[];
  /** Set for bot tokens: the installation they are minted again for when they expire. */
  installationId?: string | null;
}

export interface HandshakeSecret {
  tokenHash: string;
  secret: string;
}

export class MissingCredentialsError extends Error {
  constructor(integrationId: string) {
    super(`integration ${integrationId} has no stored credentials`);
    this.name = "MissingCredentialsError";
  }
}

/** The document stored for `credentials`, its secrets encrypted: what store/credentials.ts writes. */
export function encodeCredentials(integrationId: string, credentials: Credentials, keyring: Keyring): DocumentData {
  const secretPart = {
    accessToken: credentials.accessToken,
    refreshToken: credentials.refreshToken,
    webhookSecrets: credentials.webhookSecrets,
    webhooks: credentials.webhooks ?? [],
    handshakeSecrets: credentials.handshakeSecrets ?? [],
  };
  return {
    orgId: credentials.orgId,
    provider: credentials.provider,
    authKind: credentials.authKind,
    // The integration id is the associated data: a ciphertext moved to another document fails to decrypt.
    secrets: keyring.encrypt(JSON.stringify(parseOrThrow(SecretPartSchema, secretPart, "credentials")), integrationId),
    accessTokenExpiresAt: credentials.accessTokenExpiresAt ? Timestamp.fromDate(credentials.accessTokenExpiresAt) : null,
    installationId: credentials.installationId ?? null,
    updatedAt: Timestamp.now(),
  };
}

export async function saveCredentials(integrationId: string, credentials: Credentials, keyring: Keyring): Promise<void> {
  await writeCredentialDocument(integrationId, encodeCredentials(integrationId, credentials, keyring));
}

export function decodeCredentials(integrationId: string, raw: DocumentData | undefined, keyring: Keyring): Credentials {
  if (raw === undefined) throw new MissingCredentialsError(integrationId);
  const stored = parseOrThrow(CredentialDocSchema, timestampsToDates(raw), `credentials/${integrationId}`);
  const secretPart = parseOrThrow(SecretPartSchema, JSON.parse(keyring.decrypt(stored.secrets, integrationId)), `credentials/${integrationId} (decrypted)`);
  return {
    orgId: stored.orgId,
    provider: stored.provider,
    authKind: stored.authKind,
    accessTokenExpiresAt: stored.accessTokenExpiresAt,
    installationId: stored.installationId ?? null,
    ...secretPart,
  };
}

/**
 * The stored credential, decrypted. Read outside any transaction (the transactions that read it
 * decode with decodeCredentials), so a credential under a rotated-out key is re-encrypted here; a
 * failed rewrite costs nothing but a later retry.
 */
export async function loadCredentials(integrationId: string, keyring: Keyring): Promise<Credentials> {
  const snapshot = await readCredentialDocument(integrationId);
  const credentials = decodeCredentials(integrationId, snapshot.data(), keyring);
  await reencryptIfRotated(integrationId, snapshot, keyring).catch((error: unknown) => logger.warn("credential re-encryption failed", { integrationId, error: String(error) }));
  return credentials;
}

export async function deleteCredentials(integrationId: string): Promise<void> {
  await deleteCredentialDocument(integrationId);
  forgetWebhookTarget(integrationId);
}
