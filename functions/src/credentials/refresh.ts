import { createHash } from "node:crypto";
import { logger } from "firebase-functions";
import { keyring } from "./active-keyring";
import { UnauthorizedError } from "../http/errors";
import { providerFor } from "../providers/registry";
import { decodeCredentials, encodeCredentials, loadCredentials, type Credentials } from "./credential-store";
import { markNeedsReauthUnlessReplaced } from "../store/integrations";
import { claimRefreshLease, releaseRefreshLease, settleRefresh } from "../store/refresh-leases";
import { oauthClient } from "../config/oauth";
import { LEASE_MS, newLeaseHolder } from "./refresh-lease";
import { OAuthGrantError, requestToken, type TokenSet } from "../oauth/token-endpoint";

/** A token this close to expiry is refreshed before use, so a sync page never starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const WAIT_STEP_MS = 250;

/** Whether a credential can be renewed without the user: an OAuth token with a refresh token, or a bot token. */
export function isRenewable(credentials: Credentials): boolean {
  return (credentials.authKind === "oauth" && credentials.refreshToken !== null) || (credentials.authKind === "bot" && !!credentials.installationId);
}

function expiresSoon(credentials: Credentials, now: Date): boolean {
  return credentials.accessTokenExpiresAt !== null && credentials.accessTokenExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS;
}

/** The stored credential, refreshed first when it is renewable and within the margin of expiry. */
export async function usableCredentials(orgId: string, integrationId: string, now: Date = new Date()): Promise<Credentials> {
  const current = await loadCredentials(integrationId, keyring());
  if (!isRenewable(current) || !expiresSoon(current, now)) return current;
  return renewCredentials(orgId, integrationId, current.accessToken);
}

/**
 * After the provider answered 401 to `rejectedToken`: a renewed credential, or null when it cannot
 * be renewed (a personal token: the user must connect again).
 */
export async function credentialsAfterUnauthorized(orgId: string, integrationId: string, rejectedToken: string): Promise<Credentials | null> {
  const current = await loadCredentials(integrationId, keyring());
  if (current.accessToken !== rejectedToken) return current; // renewed meanwhile by someone else
  if (!isRenewable(current)) return null;
  return renewCredentials(orgId, integrationId, rejectedToken);
}

/** Refreshes in flight in this instance, by credential and the token they replace. */
const inFlight = new Map<string, Promise<Credentials>>();

/**
 * Renews the credential whose access token is `staleToken`, with at most one token request: the
 * concurrent requests of this instance share one renewal, and that renewal takes the lease that
 * serialises it with every other instance. A refresh token used twice would fail (GitHub, Linear
 * and Plane rotate them) and drop the integration to needs_reauth, so this matters.
 */
function renewCredentials(orgId: string, integrationId: string, staleToken: string): Promise<Credentials> {
  // Keyed by a hash, so the map never holds a token itself.
  const key = `${integrationId}:${createHash("sha256").update(staleToken).digest("hex")}`;
  let renewal = inFlight.get(key);
  if (!renewal) {
    renewal = renewUnderLease(orgId, integrationId, staleToken).finally(() => inFlight.delete(key));
    inFlight.set(key, renewal);
  }
  return renewal;
}

/**
 * One renewal attempt across instances: a lease (taken in a transaction with the read of the
 * credential, under a holder id of this attempt alone) names the one refresher; the others wait
 * until the stored token changes and use the new one. Exported for the test that contends for it.
 */
export async function renewUnderLease(orgId: string, integrationId: string, staleToken: string): Promise<Credentials> {
  const holder = newLeaseHolder();
  const deadline = Date.now() + LEASE_MS + 10_000;
  for (;;) {
    const outcome = await claimRefreshLease(
      integrationId,
      holder,
      new Date(),
      LEASE_MS,
      (stored) => decodeCredentials(integrationId, stored, keyring()),
      (current) => current.accessToken !== staleToken,
    );
    if ("renewed" in outcome && outcome.renewed) return outcome.renewed;
    if ("mine" in outcome && outcome.mine) return refreshWithLease(orgId, integrationId, outcome.mine, holder);
    if (Date.now() > deadline) throw new Error(`gave up waiting for another worker to refresh integration ${integrationId}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

async function refreshWithLease(orgId: string, integrationId: string, stale: Credentials, holder: string): Promise<Credentials> {
  const provider = providerFor(stale.provider);
  let tokens: TokenSet;
  try {
    const client = oauthClient(provider.id);
    const installation = provider.oauth.clientCredentials;
    if (stale.authKind === "bot" && installation && stale.installationId) {
      tokens = await requestToken(provider, { grant_type: "client_credentials", [installation.installationParam]: stale.installationId }, client, { clientAuth: installation.clientAuth });
    } else {
      tokens = await requestToken(provider, { grant_type: "refresh_token", refresh_token: stale.refreshToken ?? "" }, client);
    }
  } catch (error) {
    await releaseRefreshLease(integrationId, holder);
    if (error instanceof OAuthGrantError && (error.code === "invalid_grant" || error.code === "unauthorized_client" || error.code === "invalid_client")) {
      // Replaced meanwhile (a reconnect): use the new credential instead of failing.
      const replaced = await markNeedsReauth(orgId, integrationId, stale, provider.displayName, error);
      if (replaced) return replaced;
      throw new UnauthorizedError({
        provider: provider.id,
        operation: "POST token (refresh)",
        status: null,
        providerMessage: `the stored authorization was refused (${error.code}); connect again`,
      });
    }
    throw error;
  }

  // Stored only over the credential it renewed: a reconnect that landed meanwhile wins. The new
  // tokens go onto the credential as it is now, not as the lease read it: a webhook secret or a
  // registered hook recorded during the token request (they leave the token alone) is kept.
  const settled = await settleRefresh(integrationId, holder, (stored) => {
    const current = decodeCredentials(integrationId, stored, keyring());
    if (current.accessToken !== stale.accessToken) return { store: null, result: { credentials: current, renewed: false } };
    const renewed: Credentials = {
      ...current,
      accessToken: tokens.accessToken,
      // Providers that rotate send a new refresh token; the others keep the old one valid.
      refreshToken: tokens.refreshToken ?? current.refreshToken,
      accessTokenExpiresAt: tokens.expiresAt,
    };
    return { store: encodeCredentials(integrationId, renewed, keyring()), result: { credentials: renewed, renewed: true } };
  });
  if (settled.renewed) logger.info("credential refreshed", { orgId, integrationId, provider: provider.id, expiresAt: tokens.expiresAt?.toISOString() ?? null });
  return settled.credentials;
}

/**
 * needs_reauth, unless the credential changed meanwhile (a reconnect stored new tokens while this
 * refresh was failing): the check and the update are one transaction, so a stale failure never
 * overwrites a fresh connection. Returns the replacing credential, or null when it was marked.
 */
async function markNeedsReauth(orgId: string, integrationId: string, stale: Credentials, displayName: string, error: OAuthGrantError): Promise<Credentials | null> {
  const replaced = await markNeedsReauthUnlessReplaced(
    orgId,
    integrationId,
    `${displayName} no longer accepts the stored authorization (${error.code}). Connect it again.`,
    (stored) => {
      const current = decodeCredentials(integrationId, stored, keyring());
      return current.accessToken !== stale.accessToken ? current : null;
    },
  );
  logger.warn(replaced ? "refresh refused for a credential already replaced" : "refresh refused; integration needs reauth", { orgId, integrationId, code: error.code });
  return replaced;
}
