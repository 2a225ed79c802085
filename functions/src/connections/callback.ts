import { logger } from "firebase-functions";
import type { Request } from "firebase-functions/https";
import type { Response } from "express";
import { z } from "zod";
import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { ProviderHttpError } from "../http/errors";
import type { Provider } from "../providers/provider";
import { providerFor } from "../providers/registry";
import { BaseUrlAllowlistError, BaseUrlNotAllowedError, baseUrlAllowlist, checkBaseUrl } from "./base-url";
import { clearedBindingCookie, cookiePlacement, readBindingCookie } from "./browser-binding";
import { saveConnection } from "./connection-store";
import { bareSession, identifyToken } from "./identity";
import { oauthClient, OAuthClientNotConfiguredError } from "../config/oauth";
import { redirectWithResult } from "./redirect-url";
import { consumeState, OAuthStateError, type OAuthState } from "./state-store";
import { OAuthGrantError, requestToken } from "../oauth/token-endpoint";

/** `/oauth/{provider}/callback` (Hosting rewrite) or `/{provider}/callback` (the function's own URL). */
const CALLBACK_PATH = /^\/(?:oauth\/)?([a-z]+)\/callback\/?$/;

const CallbackQuerySchema = z
  .object({
    state: z.string().max(200).optional(),
    code: z.string().min(1).max(2000).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  })
  .loose();

/** A failure the user is sent back to the app with: `error=<code>&message=<text>`. */
class CallbackFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CallbackFailure";
  }
}

/**
 * GET /oauth/{provider}/callback?code&state: uses the state once (only in the browser the start
 * endpoint bound to it, and only while its starter is still an owner), exchanges the code,
 * identifies the account, stores the connection, and sends the browser back to the app with
 * `provider` and `success=true`, or `error` and `message`. Every failure after the state is known
 * is a 302 to the app; before that (no or unknown state) there is nowhere safe to send the user,
 * so it is a 400 page that says what happened. Never a 500.
 */
export async function handleOAuthCallback(req: Request, res: Response): Promise<void> {
  res.set("cache-control", "no-store");
  res.set("referrer-policy", "no-referrer");
  if (req.method !== "GET") {
    res.status(405).set("allow", "GET").type("text/plain").send("Use GET.");
    return;
  }
  const providerId = ProviderIdSchema.safeParse(CALLBACK_PATH.exec(req.path)?.[1]);
  if (!providerId.success) {
    res.status(404).type("text/plain").send("No such OAuth callback.");
    return;
  }
  const query = CallbackQuerySchema.safeParse(req.query);
  if (!query.success || !query.data.state) {
    res.status(400).type("text/plain").send("This sign-in link is missing its state. Start connecting again.");
    return;
  }

  let state: OAuthState;
  try {
    state = await consumeState(query.data.state, providerId.data, readBindingCookie(req.headers.cookie, query.data.state), new Date());
  } catch (error) {
    if (error instanceof OAuthStateError && error.state) {
      res.set("set-cookie", clearedBindingCookie(query.data.state, cookiePlacement(error.state.callbackUrl)));
      res.redirect(302, redirectWithResult(error.state.redirectUrl, { provider: error.state.provider, error: error.code, message: error.message }));
      return;
    }
    const message = error instanceof OAuthStateError ? error.message : "The sign-in could not be checked. Start connecting again.";
    if (!(error instanceof OAuthStateError)) logger.error("oauth state check failed", { provider: providerId.data, error: String(error) });
    res.status(400).type("text/plain").send(message);
    return;
  }

  // The state is spent either way: the browser's key has done its job.
  res.set("set-cookie", clearedBindingCookie(query.data.state, cookiePlacement(state.callbackUrl)));
  try {
    await completeConnection(providerFor(providerId.data), state, req.query as Record<string, unknown>, query.data);
    res.redirect(302, redirectWithResult(state.redirectUrl, { provider: state.provider, success: "true" }));
  } catch (error) {
    const failure = asFailure(providerId.data, error);
    res.redirect(302, redirectWithResult(state.redirectUrl, { provider: state.provider, error: failure.code, message: failure.message }));
  }
}

async function completeConnection(provider: Provider, state: OAuthState, rawQuery: Record<string, unknown>, query: z.infer<typeof CallbackQuerySchema>): Promise<void> {
  if (query.error) {
    const denied = query.error === "access_denied";
    throw new CallbackFailure(
      denied ? "access_denied" : query.error,
      denied ? `You did not allow access to ${provider.displayName}.` : `${provider.displayName} refused the sign-in: ${query.error_description ?? query.error}.`,
    );
  }
  // The allow-list may have changed since connectProvider: no token goes to a host it no longer lists.
  if (state.baseUrl !== null) checkStateBaseUrl(provider, state.baseUrl);
  if (!query.code) throw new CallbackFailure("missing_code", `${provider.displayName} sent no authorization code.`);
  const now = new Date();
  const client = oauthClient(provider.id);
  const grant: Record<string, string> = { grant_type: "authorization_code", code: query.code, redirect_uri: state.callbackUrl };
  if (state.codeVerifier) grant.code_verifier = state.codeVerifier;
  let tokens = await requestToken(provider, grant, client, { now });
  let authKind: "oauth" | "bot" = "oauth";

  // An app installation (Plane) named on the way back is only a claim in a URL. It is accepted
  // only when the provider confirms it to the token this flow's code just earned (Plane lists an
  // installation to a user token only in workspaces that user belongs to); then it gets its bot
  // token by client credentials, and the installation names the workspace.
  const installation = provider.oauth.clientCredentials;
  const installationId = installation ? stringParam(rawQuery[installation.installationParam]) : null;
  let workspaces: string[] = [];
  if (installation && installationId) {
    workspaces = await installation.installationWorkspaces(bareSession(provider, tokens.accessToken, "oauth", state.baseUrl, []), installationId);
    if (workspaces.length === 0) {
      throw new CallbackFailure(
        "installation_not_verified",
        `${provider.displayName} did not confirm the app installation for the account that signed in, so nothing was connected. Install the app from a ${provider.displayName} workspace you belong to, then connect again.`,
      );
    }
    tokens = await requestToken(provider, { grant_type: "client_credentials", [installation.installationParam]: installationId }, client, { clientAuth: installation.clientAuth, now });
    authKind = "bot";
  }
  const account = await identifyToken(provider, tokens.accessToken, authKind, state.baseUrl, workspaces);
  await saveConnection(
    {
      orgId: state.orgId,
      uid: state.uid,
      provider,
      authKind,
      account,
      scopes: tokens.scopes ?? provider.oauth.scopes,
      baseUrl: state.baseUrl,
      tokens,
      webhookSecrets: [],
      installationId,
    },
    now,
  );
}

function checkStateBaseUrl(provider: Provider, baseUrl: string): void {
  try {
    checkBaseUrl(baseUrl, { allowlist: baseUrlAllowlist(), flow: "oauth" });
  } catch (error) {
    if (error instanceof BaseUrlNotAllowedError || error instanceof BaseUrlAllowlistError) {
      throw new CallbackFailure("base_url_not_allowed", `${provider.displayName}: ${error.message}. Nothing was connected.`);
    }
    throw error;
  }
}

function stringParam(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 200 ? value : null;
}

/** The user-facing code and message for a failure; the details go to the log (never a token: errors carry none). */
function asFailure(provider: ProviderId, error: unknown): CallbackFailure {
  if (error instanceof CallbackFailure) return error;
  if (error instanceof OAuthGrantError) {
    logger.warn("oauth code exchange failed", { provider, code: error.code, description: error.description });
    return new CallbackFailure("exchange_failed", `The sign-in could not be completed (${error.code}${error.description ? `: ${error.description}` : ""}).`);
  }
  if (error instanceof ProviderHttpError) {
    logger.warn("oauth identify failed", { provider, error: error.message });
    return new CallbackFailure("identify_failed", `The account could not be read: ${error.message}`);
  }
  if (error instanceof OAuthClientNotConfiguredError) {
    logger.error("oauth client not configured", { provider });
    return new CallbackFailure("not_configured", error.message);
  }
  logger.error("oauth callback failed", { provider, error: error instanceof Error ? error.message : String(error) });
  return new CallbackFailure("server_error", `Connecting ${providerFor(provider).displayName} failed on taskbridge's side (${error instanceof Error ? error.name : "unknown error"}). Try again.`);
}
