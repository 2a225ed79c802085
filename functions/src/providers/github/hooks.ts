import { z } from "zod";
import { NotFoundError } from "../../http/errors";
import type { WebhookRegistration } from "../provider";
import { repoPath } from "./refs";

/** The events the applier reads (webhook.ts parses only these). */
const EVENTS = ["issues", "issue_comment"];

const CreatedHookSchema = z.object({ id: z.number().int() });

/**
 * Repository webhooks (POST /repos/{owner}/{repo}/hooks), one per repository, signed with a
 * secret we choose: GitHub never returns a hook's secret, so it is ours from the start.
 */
export const githubWebhookRegistration: WebhookRegistration = {
  scopes(_session, projects) {
    return [...new Set(projects.map((project) => project.providerRef))];
  },

  async create(session, scope, target) {
    const res = await session.http.request({
      method: "POST",
      path: `${repoPath(scope)}/hooks`,
      operation: "/repos/{owner}/{repo}/hooks",
      json: {
        name: "web",
        active: true,
        events: EVENTS,
        config: { url: target.url, content_type: "json", secret: target.secret, insecure_ssl: "0" },
      },
      schema: CreatedHookSchema,
    });
    return { id: String(res.data.id), scope, secret: target.secret };
  },

  async remove(session, webhook) {
    try {
      await session.http.request({
        method: "DELETE",
        path: `${repoPath(webhook.scope)}/hooks/${encodeURIComponent(webhook.id)}`,
        operation: "/repos/{owner}/{repo}/hooks/{hook_id}",
        schema: z.unknown(),
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
};
