import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { z } from "zod";
import { ProviderIdSchema } from "../domain/provider-id";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import { providerFor } from "../providers/registry";
import { BaseUrlNotAllowedError, checkBaseUrl, runningInEmulator } from "./base-url";
import { oauthEndpoints } from "./endpoints";
import { allowedRedirectOrigins, callbackUrl, oauthClient, OAuthClientNotConfiguredError } from "./params";
import { codeChallengeS256, newCodeVerifier, newState } from "./pkce";
import { checkRedirectUrl, RedirectNotAllowedError } from "./redirect-url";
import { saveState, STATE_TTL_MS } from "./state-store";

const id = z.string().min(1).max(200);
export const ConnectProviderInputSchema = z.object({
  orgId: id,
  provider: ProviderIdSchema,
  redirectUrl: z.string().min(1).max(2000),
  /** API root of a self-hosted instance (GitHub Enterprise Server, self-hosted Plane); omit for the provider's cloud. */
  baseUrl: z.string().min(1).max(500).optional(),
});

/**
 * connectProvider: an owner asks for the provider's authorize URL. A single-use state (32 random
 * bytes) records who asked, for which org, the PKCE verifier and where to return, for 10 minutes.
 */
export async function connectProvider(request: CallableRequest<unknown>): Promise<{ url: string }> {
  const input = parseCallableData(ConnectProviderInputSchema, request.data);
  const uid = await requireMember(request, input.orgId, "owner");
  const provider = providerFor(input.provider);

  let redirectUrl: URL;
  let baseUrl: string | null = null;
  try {
    redirectUrl = checkRedirectUrl(input.redirectUrl, allowedRedirectOrigins());
    if (input.baseUrl !== undefined) baseUrl = checkBaseUrl(input.baseUrl, { allowLoopbackHttp: runningInEmulator() });
  } catch (error) {
    if (error instanceof RedirectNotAllowedError || error instanceof BaseUrlNotAllowedError) throw new HttpsError("invalid-argument", error.message);
    throw error;
  }

  let clientId: string;
  try {
    clientId = oauthClient(provider.id).clientId;
  } catch (error) {
    if (error instanceof OAuthClientNotConfiguredError) throw new HttpsError("failed-precondition", error.message);
    throw error;
  }

  const state = newState();
  const codeVerifier = provider.oauth.pkce ? newCodeVerifier() : null;
  const redirectUri = callbackUrl(provider.id);
  const now = new Date();
  await saveState(state, {
    orgId: input.orgId,
    uid,
    provider: provider.id,
    codeVerifier,
    redirectUrl: redirectUrl.toString(),
    callbackUrl: redirectUri,
    baseUrl,
    createdAt: now,
    expireAt: new Date(now.getTime() + STATE_TTL_MS),
    consumedAt: null,
  });

  const url = new URL(oauthEndpoints(provider).authorizeUrl);
  const params: Record<string, string> = { ...provider.oauth.extraAuthorizeParams, client_id: clientId, redirect_uri: redirectUri, state };
  if (provider.oauth.scopes.length > 0) params.scope = provider.oauth.scopes.join(provider.oauth.scopeSeparator);
  if (codeVerifier) {
    params.code_challenge = codeChallengeS256(codeVerifier);
    params.code_challenge_method = "S256";
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url: url.toString() };
}
