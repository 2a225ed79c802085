import type { Provider } from "../provider";
import { clickupDescriptor } from "./descriptor";
import { getTask, identify, listProjects, listTasks } from "./api";
import { clickupAuthHeaders } from "./auth";
import { normalizeClickUpTask } from "./normalize";
import { clickupOAuth } from "./oauth";
import { clickupRateLimit } from "./rate-limit";
import { clickupWebhookRegistration } from "./hooks";
import { clickupWebhook } from "./webhook";
import { comment, complete, create } from "./write";

/** ClickUp API v2: each List is a project. */
export const clickupProvider: Provider = {
  ...clickupDescriptor,
  defaultBaseUrl: "https://api.clickup.com/api/v2",
  oauth: clickupOAuth,
  rateLimit: clickupRateLimit,
  authHeaders: clickupAuthHeaders,
  identify,
  listProjects,
  listTasks,
  getTask,
  normalize: normalizeClickUpTask,
  complete,
  comment,
  create,
  webhook: clickupWebhook,
  webhookRegistration: clickupWebhookRegistration,
};
