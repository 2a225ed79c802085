import { z } from "zod";
import { NotFoundError } from "../../http/errors";
import type { WebhookRegistration } from "../provider";

const CreatedWebhookSchema = z.object({ data: z.object({ gid: z.string().min(1) }) });

/**
 * What a project webhook delivers: task changes, and stories added (comments arrive as stories
 * added to their task). Asana delivers only what the filters name.
 */
const FILTERS = [{ resource_type: "task" }, { resource_type: "story", action: "added" }];

/**
 * One webhook per project (POST /webhooks). Asana sends the secret only in the X-Hook-Secret
 * handshake it makes to our endpoint while this request is in flight; the endpoint keeps it
 * under the target URL's one-time token, and registration records the webhook with it.
 */
export const asanaWebhookRegistration: WebhookRegistration = {
  scopes(_session, projects) {
    return [...new Set(projects.map((project) => project.externalId))];
  },

  async create(session, scope, target) {
    const res = await session.http.request({
      method: "POST",
      path: "/webhooks",
      json: { data: { resource: scope, target: target.url, filters: FILTERS } },
      schema: CreatedWebhookSchema,
    });
    return { id: res.data.data.gid, scope, secret: null };
  },

  async remove(session, webhook) {
    try {
      await session.http.request({
        method: "DELETE",
        path: `/webhooks/${encodeURIComponent(webhook.id)}`,
        operation: "/webhooks/{webhook_gid}",
        schema: z.unknown(),
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
};
