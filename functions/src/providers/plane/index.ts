import type { AuthKind } from "../../domain/integration";
import type { RateLimitPolicy } from "../../http/types";
import type { Provider } from "../provider";
import { planeDescriptor } from "./descriptor";
import { getTask, identify, listProjects, listTasks } from "./api";
import { normalizePlaneWorkItem } from "./normalize";
import { planeOAuth } from "./oauth";
import { planeWebhook } from "./webhook";
import { comment, complete, create } from "./write";

/**
 * 60 requests a minute per API key; X-RateLimit-Reset is in epoch seconds and the open-source
 * server sends both headers only on allowed requests (shared/providers.md §3.6). Pacing starts
 * below 5 left.
 */
export const planeRateLimit: RateLimitPolicy = {
  remainingHeader: "x-ratelimit-remaining",
  resetHeader: "x-ratelimit-reset",
  resetUnit: "epoch_seconds",
  slowdownBelow: 5,
};

/** A personal API key goes in X-API-Key; OAuth user tokens and app bot tokens go as Bearer. */
export function planeAuthHeaders(token: string, kind: AuthKind): Record<string, string> {
  return kind === "personal" ? { "X-API-Key": token } : { Authorization: `Bearer ${token}` };
}

export const planeProvider: Provider = {
  ...planeDescriptor,
  // Self-hosted instances set their own origin; request paths carry /api/v1.
  defaultBaseUrl: "https://api.plane.so",
  oauth: planeOAuth,
  rateLimit: planeRateLimit,
  authHeaders: planeAuthHeaders,
  identify,
  listProjects,
  listTasks,
  getTask,
  normalize: normalizePlaneWorkItem,
  complete,
  comment,
  create,
  webhook: planeWebhook,
  // Plane has no public API for webhooks: the user creates one in Plane and pastes its secret.
  webhookRegistration: null,
};
