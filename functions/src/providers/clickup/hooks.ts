import { z } from "zod";
import { NotFoundError } from "../../http/errors";
import type { WebhookRegistration } from "../provider";
import { SUBSCRIBED_EVENTS } from "./webhook";

/** CU-OAS CreateWebhook: the new webhook, with the secret ClickUp will sign with. */
const CreatedWebhookSchema = z.object({
  id: z.string().min(1),
  webhook: z.object({ id: z.string().min(1), secret: z.string().min(1) }),
});

/**
 * Team (Workspace) webhooks, one per authorized team: a team webhook with no location filter
 * covers every List in it. ClickUp generates the secret and returns it with the webhook.
 */
export const clickupWebhookRegistration: WebhookRegistration = {
  scopes(session) {
    return [...new Set(session.account.workspaces)];
  },

  async create(session, scope, target) {
    const res = await session.http.request({
      method: "POST",
      path: `/team/${encodeURIComponent(scope)}/webhook`,
      operation: "/team/{team_id}/webhook",
      json: { endpoint: target.url, events: SUBSCRIBED_EVENTS },
      schema: CreatedWebhookSchema,
    });
    return { id: res.data.webhook.id, scope, secret: res.data.webhook.secret };
  },

  async remove(session, webhook) {
    try {
      await session.http.request({
        method: "DELETE",
        path: `/webhook/${encodeURIComponent(webhook.id)}`,
        operation: "/webhook/{webhook_id}",
        schema: z.unknown(),
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
};
