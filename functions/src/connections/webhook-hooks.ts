import { logger } from "firebase-functions";
import type { ProviderId } from "../domain/provider-id";
import { deleteIntegrationWebhooks, registerIntegrationWebhooks } from "../webhooks/registration";

/**
 * Where the connect and disconnect flows meet webhook registration (functions/src/webhooks/).
 * Neither flow fails because of webhooks: a connection without them is still kept fresh by the
 * hourly reconcile, and the `registerWebhooks` callable can add them later; a disconnect goes on
 * and its result says the webhooks were not all deleted.
 */
export interface WebhookHookContext {
  orgId: string;
  integrationId: string;
  provider: ProviderId;
}

export interface WebhookHookOutcome {
  done: boolean;
  /** What was not done, and why, for logs and the caller. */
  note: string | null;
}

/** After a connection is stored, before the initial sync: create the provider's webhooks for it. */
export async function registerWebhooksAfterConnect(context: WebhookHookContext, now: Date): Promise<WebhookHookOutcome> {
  try {
    const report = await registerIntegrationWebhooks(context.orgId, context.integrationId, now);
    if (report.mode === "manual") return { done: false, note: "the provider has no webhook API: paste the webhook URL and secret into it" };
    return { done: true, note: null };
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    logger.warn("webhook registration at connect failed; the hourly reconcile still syncs", { ...context, error: note });
    return { done: false, note };
  }
}

/** On disconnect, while the credential still works: delete the webhooks we registered. */
export async function deleteRegisteredWebhooks(context: WebhookHookContext): Promise<WebhookHookOutcome> {
  try {
    await deleteIntegrationWebhooks(context.orgId, context.integrationId);
    return { done: true, note: null };
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    logger.warn("webhook deletion at disconnect failed", { ...context, error: note });
    return { done: false, note };
  }
}
