import { createHash, randomUUID } from "node:crypto";
import { keyring } from "../credentials/active-keyring";
import { INITIAL_SYNC_STATE, type Account, type AuthKind, type Integration } from "../domain/integration";
import type { Provider } from "../providers/provider";
import { decodeCredentials, encodeCredentials, MissingCredentialsError, type Credentials } from "../credentials/credential-store";
import { KeyringError } from "../credentials/keyring";
import { writeConnection } from "../store/integrations";
import { publishSyncRequests } from "../sync/publish";
import type { TokenSet } from "../oauth/token-endpoint";
import { registerWebhooksAfterConnect } from "./webhook-hooks";

export interface NewConnection {
  orgId: string;
  uid: string;
  provider: Provider;
  authKind: AuthKind;
  account: Account;
  scopes: string[];
  baseUrl: string | null;
  tokens: TokenSet;
  /** Webhook signing secrets the caller supplied; empty keeps the ones already stored. */
  webhookSecrets: string[];
  installationId: string | null;
}

/**
 * One integration per (org, provider, instance, account, workspaces): connecting the same account
 * again reconnects it (new tokens, status connected, sync state and project selection kept)
 * instead of creating a twin whose tasks would collide.
 */
export function integrationIdFor(orgId: string, provider: Provider, baseUrl: string | null, account: Account): string {
  const key = [orgId, provider.id, baseUrl ?? provider.defaultBaseUrl, account.id, [...account.workspaces].sort().join(",")].join("\u0000");
  return `${provider.id}-${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
}

/**
 * Stores a connection: the integration document (no token in it) and its encrypted credential in
 * one transaction, so neither exists without the other. Then the webhook hook and the initial
 * full sync. Returns the integration id.
 */
export async function saveConnection(connection: NewConnection, now: Date): Promise<string> {
  const { orgId, provider } = connection;
  const integrationId = integrationIdFor(orgId, provider, connection.baseUrl, connection.account);
  await writeConnection(orgId, integrationId, (existing, storedCredential) => {
    // A reconnect keeps what the old credential carried besides its tokens (webhook secrets, registered webhooks).
    let previous: Credentials | null = null;
    try {
      previous = decodeCredentials(integrationId, storedCredential, keyring());
    } catch (error) {
      // One that no longer decrypts (its key rotated out) is simply replaced.
      if (!(error instanceof MissingCredentialsError || error instanceof KeyringError)) throw error;
    }
    const integration: Integration = {
      provider: provider.id,
      status: "connected",
      statusMessage: null,
      authKind: connection.authKind,
      account: connection.account,
      scopes: connection.scopes,
      baseUrl: connection.baseUrl,
      projectSelection: existing?.projectSelection ?? null,
      connectedBy: connection.uid,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      syncState: existing?.syncState ?? INITIAL_SYNC_STATE,
      rateLimit: existing?.rateLimit ?? null,
    };
    const credentials: Credentials = {
      ...previous,
      orgId,
      provider: provider.id,
      authKind: connection.authKind,
      accessToken: connection.tokens.accessToken,
      refreshToken: connection.tokens.refreshToken,
      accessTokenExpiresAt: connection.tokens.expiresAt,
      webhookSecrets: connection.webhookSecrets.length > 0 ? connection.webhookSecrets : (previous?.webhookSecrets ?? []),
      installationId: connection.installationId,
    };
    return { integration, credential: encodeCredentials(integrationId, credentials, keyring()) };
  });

  await registerWebhooksAfterConnect({ orgId, integrationId, provider: provider.id }, now);
  await publishSyncRequests([{ orgId, integrationId, trigger: "initial", mode: "full", requestId: `connect-${randomUUID()}` }]);
  return integrationId;
}
