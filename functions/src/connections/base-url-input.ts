import { HttpsError } from "firebase-functions/https";
import { BaseUrlAllowlistError, BaseUrlNotAllowedError, baseUrlAllowlist, checkBaseUrl, type BaseUrlFlow } from "./base-url";

/**
 * A connect callable's `baseUrl`, checked (base-url.ts) against this deployment's allow-list;
 * null for the provider's own cloud. A refused one is the caller's `invalid-argument`; an
 * allow-list that does not parse is the deployment's `failed-precondition`. Both name the provider.
 */
export function callableBaseUrl(raw: string | undefined, flow: BaseUrlFlow, displayName: string): string | null {
  if (raw === undefined) return null;
  try {
    return checkBaseUrl(raw, { allowlist: baseUrlAllowlist(), flow });
  } catch (error) {
    if (error instanceof BaseUrlNotAllowedError) throw new HttpsError("invalid-argument", `${displayName}: ${error.message}. Nothing was saved.`);
    if (error instanceof BaseUrlAllowlistError) throw new HttpsError("failed-precondition", `${displayName} cannot be connected: ${error.message}. Fix it in functions/.env.<projectId>.`);
    throw error;
  }
}
