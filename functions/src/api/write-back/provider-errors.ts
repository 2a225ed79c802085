import { HttpsError } from "firebase-functions/https";
import { ValidationError } from "../../domain/validation-error";
import { ProviderHttpError, RateLimitedError } from "../../http/errors";
import { handleProviderFailure } from "../../sync/provider-failure";
import { tombstoneTaskVersioned } from "../../store/task-version";

/**
 * Turns a failed provider write into the HttpsError the client sees, carrying the provider's own
 * message; and applies what the failure means locally: a task the provider no longer has becomes
 * a tombstone, a rejected credential marks the integration needs_reauth.
 */
export async function toHttpsError(error: unknown, where: { orgId: string; integrationId: string; taskId?: string }): Promise<never> {
  if (error instanceof HttpsError) throw error;
  if (error instanceof RateLimitedError) {
    const retryAfterSeconds = Math.max(1, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000));
    throw new HttpsError("resource-exhausted", `${error.provider} is rate limiting this connection; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
  if (error instanceof ProviderHttpError) {
    const said = error.providerMessage ?? error.message;
    switch (error.kind) {
      case "not_found":
        if (where.taskId) await tombstoneTaskVersioned(where.orgId, where.taskId, null);
        throw new HttpsError("not-found", `${error.provider} no longer has this task (${said}).`);
      case "unauthorized":
        await handleProviderFailure(where.orgId, where.integrationId, error);
        throw new HttpsError("failed-precondition", `${error.provider} rejected the connection; connect it again (${said}).`);
      case "bad_request":
        throw new HttpsError("invalid-argument", `${error.provider} refused the request: ${said}`);
      case "forbidden":
      case "conflict":
        throw new HttpsError("failed-precondition", `${error.provider} refused the request: ${said}`);
      default:
        throw new HttpsError("unavailable", `${error.provider} could not be reached; try again (${said}).`);
    }
  }
  if (error instanceof ValidationError) throw new HttpsError("internal", "The provider answered with something unexpected.");
  throw error;
}
