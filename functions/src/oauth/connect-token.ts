import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { z } from "zod";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import type { Account } from "../domain/integration";
import { ProviderIdSchema } from "../domain/provider-id";
import { ProviderHttpError } from "../http/errors";
import { providerFor } from "../providers/registry";
import { BaseUrlNotAllowedError, checkBaseUrl, runningInEmulator } from "./base-url";
import { saveConnection } from "./connection-store";
import { identifyToken } from "./identity";

const id = z.string().min(1).max(200);
export const ConnectWithTokenInputSchema = z.object({
  orgId: id,
  provider: ProviderIdSchema,
  /** GitHub PAT, ClickUp pk_ token, Plane API key, Asana PAT or Linear API key. */
  token: z.string().trim().min(8).max(4096),
  /** The workspace the token is for, where the provider needs it named (Plane: its slug). */
  workspace: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only").optional(),
  /** API root of a self-hosted instance (GitHub Enterprise Server, self-hosted Plane). */
  baseUrl: z.string().min(1).max(500).optional(),
  /** The signing secret of a webhook the user created by hand (Plane). */
  webhookSecret: z.string().min(8).max(500).optional(),
});

/**
 * connectWithToken: an owner connects with a personal token. The token is checked with a real
 * identify call before anything is written: a token the provider refuses gives a clear error and
 * leaves nothing behind.
 */
export async function connectWithToken(request: CallableRequest<unknown>): Promise<{ integrationId: string }> {
  const input = parseCallableData(ConnectWithTokenInputSchema, request.data);
  const uid = await requireMember(request, input.orgId, "owner");
  const provider = providerFor(input.provider);
  if (provider.personalToken.workspaceRequired && !input.workspace) {
    throw new HttpsError("invalid-argument", `A ${provider.displayName} ${provider.personalToken.label} needs the workspace it belongs to: pass "workspace".`);
  }
  if (!provider.personalToken.workspaceRequired && input.workspace) {
    throw new HttpsError("invalid-argument", `${provider.displayName} finds the token's workspaces itself: leave "workspace" out.`);
  }
  let baseUrl: string | null = null;
  if (input.baseUrl !== undefined) {
    try {
      baseUrl = checkBaseUrl(input.baseUrl, { allowLoopbackHttp: runningInEmulator() });
    } catch (error) {
      if (error instanceof BaseUrlNotAllowedError) throw new HttpsError("invalid-argument", error.message);
      throw error;
    }
  }

  let account: Account;
  try {
    account = await identifyToken(provider, input.token, "personal", baseUrl, input.workspace ? [input.workspace] : []);
  } catch (error) {
    throw tokenRefusal(provider.displayName, provider.personalToken.label, error);
  }
  const integrationId = await saveConnection(
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
  return { integrationId };
}

/** What the caller is told when the provider would not identify the token. The error text never holds the token. */
function tokenRefusal(displayName: string, label: string, error: unknown): HttpsError {
  if (error instanceof ProviderHttpError) {
    if (error.kind === "unauthorized" || error.kind === "forbidden") {
      return new HttpsError("invalid-argument", `${displayName} did not accept this ${label} (${error.providerMessage ?? `HTTP ${error.status}`}). Nothing was saved.`);
    }
    if (error.kind === "not_found") return new HttpsError("invalid-argument", `${displayName} found no such workspace or API at that address. Nothing was saved.`);
    if (error.retryable) return new HttpsError("unavailable", `${displayName} could not be reached to check the token; try again. Nothing was saved.`);
    return new HttpsError("invalid-argument", `${displayName} could not identify this ${label}: ${error.message}. Nothing was saved.`);
  }
  return new HttpsError("internal", "The token could not be checked. Nothing was saved.");
}
