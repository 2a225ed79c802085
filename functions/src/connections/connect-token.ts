import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import { ConnectWithTokenInputSchema } from "../api/input-schemas";
import type { Account } from "../domain/integration";
import { ProviderHttpError, RateLimitedError } from "../http/errors";
import { providerFor } from "../providers/registry";
import { callableBaseUrl } from "./base-url-input";
import { saveConnection } from "./connection-store";
import { identifyToken } from "./identity";

/**
 * connectWithToken: an owner connects with a personal token. The token is checked with a real
 * identify call before anything is written: a token the provider refuses gives a clear error and
 * leaves nothing behind.
 */
export async function connectWithToken(request: CallableRequest<unknown>): Promise<{ integrationId: string }> {
  const input = parseCallableData(ConnectWithTokenInputSchema, request.data);
  const uid = await requireMember(request, input.orgId, "owner");
  const provider = providerFor(input.provider);
  if (provider.personalToken.workspace !== null && !input.workspace) {
    throw new HttpsError("invalid-argument", `A ${provider.displayName} ${provider.personalToken.label} needs the workspace it belongs to: pass "workspace".`);
  }
  if (provider.personalToken.workspace === null && input.workspace) {
    throw new HttpsError("invalid-argument", `${provider.displayName} finds the token's workspaces itself: leave "workspace" out.`);
  }
  const baseUrl = callableBaseUrl(input.baseUrl, "personal", provider.displayName);
  const where = baseUrl ?? provider.defaultBaseUrl;

  let account: Account;
  try {
    account = await identifyToken(provider, input.token, "personal", baseUrl, input.workspace ? [input.workspace] : []);
  } catch (error) {
    throw tokenRefusal(provider.displayName, provider.personalToken.label, where, error);
  }
  let integrationId: string;
  try {
    integrationId = await saveConnection(
      {
        orgId: input.orgId,
        uid,
        provider,
        authKind: "personal",
        account,
        // A personal token's grants are whatever the user gave it; the API does not report them uniformly.
        scopes: [],
        baseUrl,
        tokens: { accessToken: input.token, refreshToken: null, expiresAt: null, scopes: null },
        webhookSecrets: input.webhookSecret ? [input.webhookSecret] : [],
        installationId: null,
      },
      new Date(),
    );
  } catch (error) {
    // Storing can only fail on our side (Firestore, the key, Pub/Sub): say so rather than a bare INTERNAL.
    logger.error("storing a personal-token connection failed", { provider: provider.id, orgId: input.orgId, error: error instanceof Error ? error.message : String(error) });
    throw new HttpsError("unavailable", `${provider.displayName} accepted the ${provider.personalToken.label}, but taskbridge could not finish storing the connection just now; connecting again is safe (it updates the same integration).`);
  }
  return { integrationId };
}

/**
 * What the caller is told when the provider would not identify the token: always a code and a
 * message naming the provider, the address tried and what to fix. The text never holds the token
 * (provider errors carry none).
 */
function tokenRefusal(displayName: string, label: string, where: string, error: unknown): HttpsError {
  const nothing = "Nothing was saved.";
  if (error instanceof ProviderHttpError) {
    const said = error.providerMessage ?? (error.status === null ? "no answer" : `HTTP ${error.status}`);
    switch (error.kind) {
      case "unauthorized":
      case "forbidden":
        return new HttpsError("invalid-argument", `${displayName} did not accept this ${label} (${said}). Check the token and its permissions. ${nothing}`);
      case "not_found":
        return new HttpsError("invalid-argument", `${displayName} at ${where} answered "not found" (${said}). Check the workspace and that the base URL is the instance's API root. ${nothing}`);
      case "invalid_response":
        return new HttpsError("failed-precondition", `${where} did not answer like the ${displayName} API (${said}). Check that the base URL is the API root of a ${displayName} instance. ${nothing}`);
      case "network":
        return new HttpsError("unavailable", `${displayName} at ${where} could not be reached (${said}). Check the base URL, or try again later. ${nothing}`);
      case "rate_limited":
        return new HttpsError("resource-exhausted", `${displayName} is rate limiting this ${label}; try again after ${error instanceof RateLimitedError ? error.resetAt.toISOString() : "a while"}. ${nothing}`);
      case "server":
        return new HttpsError("unavailable", `${displayName} at ${where} failed on its side (${said}); try again later. ${nothing}`);
      default:
        return new HttpsError("invalid-argument", `${displayName} refused to identify this ${label}: ${error.message}. ${nothing}`);
    }
  }
  logger.error("identifying a personal token failed unexpectedly", { provider: displayName, error: error instanceof Error ? error.message : String(error) });
  return new HttpsError("internal", `${displayName}'s answer to the identity check could not be used (${error instanceof Error ? error.name : "unknown error"}). ${nothing}`);
}
