import type { Provider } from "../provider";
import { asanaDescriptor } from "./descriptor";
import { getTask, identify, listProjects, listTasks } from "./api";
import { asanaAuthHeaders } from "./auth";
import { normalizeAsanaTask } from "./normalize";
import { asanaOAuth } from "./oauth";
import { asanaRateLimit } from "./rate-limit";
import { asanaWebhookRegistration } from "./hooks";
import { asanaWebhook } from "./webhook";
import { comment, complete, create } from "./write";

/** Asana REST API 1.0: the projects of each workspace. */
export const asanaProvider: Provider = {
  ...asanaDescriptor,
  defaultBaseUrl: "https://app.asana.com/api/1.0",
  oauth: asanaOAuth,
  rateLimit: asanaRateLimit,
  authHeaders: asanaAuthHeaders,
  identify,
  listProjects,
  listTasks,
  getTask,
  normalize: normalizeAsanaTask,
  complete,
  comment,
  create,
  webhook: asanaWebhook,
  webhookRegistration: asanaWebhookRegistration,
};
