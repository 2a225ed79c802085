import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import { ConnectProviderInputSchema } from "../api/input-schemas";
import { providerFor } from "../providers/registry";
import { callableBaseUrl } from "./base-url-input";
import { hashSecret, newSecret } from "../credentials/one-time-secret";
import { oauthEndpoints } from "../oauth/endpoints";
import { allowedRedirectOrigins, callbackUrl, oauthClient, OAuthClientNotConfiguredError, startUrl } from "../config/oauth";
import { codeChallengeS256, newCodeVerifier, newState } from "../oauth/pkce";
import { checkRedirectUrl, RedirectNotAllowedError } from "./redirect-url";
import { saveState, STATE_TTL_MS } from "./state-store";

/** What the app does next: POST `state` and `connectToken` to `url` as a top-level form (never put them in a URL). */
export interface ConnectProviderResult {
  /** Our start endpoint, `…/oauth/{provider}/start`. */
  url: string;
  state: string;
  /** One-time; only its hash is stored. */
  connectToken: string;
}

/**
 * connectProvider: an owner asks to connect. A single-use state (32 random bytes) records who
 * asked, for which org, the PKCE verifier, where to return and the authorize URL, for 10 minutes.
 * The answer is not the authorize URL itself but our start endpoint and a one-time connect token:
 * the browser that posts them there is the only one the callback will accept (start.ts).
 */
export async function connectProvider(request: CallableRequest<unknown>): Promise<ConnectProviderResult> {
  const input = parseCallableData(ConnectProviderInputSchema, request.data);
  const uid = await requireMember(request, input.orgId, "owner");
  const provider = providerFor(input.provider);

  let redirectUrl: URL;
  try {
    redirectUrl = checkRedirectUrl(input.redirectUrl, allowedRedirectOrigins());
  } catch (error) {
    if (error instanceof RedirectNotAllowedError) throw new HttpsError("invalid-argument", error.message);
    throw error;
  }
  const baseUrl = callableBaseUrl(input.baseUrl, "oauth", provider.displayName);

  let clientId: string;
  try {
    clientId = oauthClient(provider.id).clientId;
  } catch (error) {
    if (error instanceof OAuthClientNotConfiguredError) throw new HttpsError("failed-precondition", error.message);
    throw error;
  }

  const state = newState();
  const connectToken = newSecret();
  const codeVerifier = provider.oauth.pkce ? newCodeVerifier() : null;
  const redirectUri = callbackUrl(provider.id);

  const url = new URL(oauthEndpoints(provider).authorizeUrl);
  const params: Record<string, string> = { ...provider.oauth.extraAuthorizeParams, client_id: clientId, redirect_uri: redirectUri, state };
  if (provider.oauth.scopes.length > 0) params.scope = provider.oauth.scopes.join(provider.oauth.scopeSeparator);
  if (codeVerifier) {
    params.code_challenge = codeChallengeS256(codeVerifier);
    params.code_challenge_method = "S256";
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);

  const now = new Date();
  await saveState(state, {
    orgId: input.orgId,
    uid,
    provider: provider.id,
    codeVerifier,
    redirectUrl: redirectUrl.toString(),
    callbackUrl: redirectUri,
    baseUrl,
    authorizeUrl: url.toString(),
    connectTokenHash: hashSecret(connectToken),
    browserKeyHash: null,
    startedAt: null,
    createdAt: now,
    expireAt: new Date(now.getTime() + STATE_TTL_MS),
    consumedAt: null,
  });
  return { url: startUrl(provider.id), state, connectToken };
}
