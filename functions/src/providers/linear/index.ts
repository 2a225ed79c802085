import type { Provider } from "../provider";
import { linearDescriptor } from "./descriptor";
import { getTask, identify, listProjects, listTasks } from "./api";
import { normalizeIssue } from "./normalize";
import { linearAuthHeaders, linearOAuth } from "./oauth";
import { linearWebhookRegistration } from "./hooks";
import { linearWebhook } from "./webhook";
import { comment, complete, create } from "./write";

/**
 * Linear: one GraphQL endpoint, teams as projects, issues as tasks. The rate limit is read from
 * the requests budget headers; their reset unit is not settled by the sources (epoch seconds in
 * an older official page, a "Unix timestamp" in the SDK), hence epoch_auto.
 */
export const linearProvider: Provider = {
  ...linearDescriptor,
  defaultBaseUrl: "https://api.linear.app",
  oauth: linearOAuth,
  rateLimit: {
    remainingHeader: "x-ratelimit-requests-remaining",
    resetHeader: "x-ratelimit-requests-reset",
    resetUnit: "epoch_auto",
    slowdownBelow: 10,
  },
  authHeaders: linearAuthHeaders,
  identify,
  listProjects,
  listTasks,
  getTask,
  normalize: normalizeIssue,
  complete,
  comment,
  create,
  webhook: linearWebhook,
  webhookRegistration: linearWebhookRegistration,
};
