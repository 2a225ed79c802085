import type { AuthKind } from "../../domain/integration";
import type { RateLimitPolicy } from "../../http/types";
import type { Provider } from "../provider";
import { githubDescriptor } from "./descriptor";
import { getTask, identify, listProjects, listTasks } from "./api";
import { normalizeGitHubIssue } from "./normalize";
import { githubOAuth } from "./oauth";
import { githubWebhookRegistration } from "./hooks";
import { githubWebhook } from "./webhook";
import { comment, complete, create } from "./write";

/** The REST API version every request pins, so a GitHub default change cannot alter the shapes we parse. */
export const GITHUB_API_VERSION = "2022-11-28";

/**
 * 5,000 requests an hour per user token; the reset header is in epoch seconds (shared/providers.md
 * §2.6). Pacing starts with 50 left, enough for a sync page and its parent look-ups to finish.
 */
export const githubRateLimit: RateLimitPolicy = {
  remainingHeader: "x-ratelimit-remaining",
  resetHeader: "x-ratelimit-reset",
  resetUnit: "epoch_seconds",
  slowdownBelow: 50,
};

/** OAuth tokens and personal access tokens (classic or fine-grained) both go as Bearer. */
export function githubAuthHeaders(token: string, _kind: AuthKind): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    Accept: "application/vnd.github+json",
    "X-GitHub-Api-Version": GITHUB_API_VERSION,
  };
}

export const githubProvider: Provider = {
  ...githubDescriptor,
  // GitHub Enterprise Server integrations set their own, e.g. https://ghe.example.com/api/v3.
  defaultBaseUrl: "https://api.github.com",
  oauth: githubOAuth,
  rateLimit: githubRateLimit,
  authHeaders: githubAuthHeaders,
  identify,
  listProjects,
  listTasks,
  getTask,
  normalize: normalizeGitHubIssue,
  complete,
  comment,
  create,
  webhook: githubWebhook,
  webhookRegistration: githubWebhookRegistration,
};
