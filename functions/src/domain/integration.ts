import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

export const INTEGRATION_STATUSES = ["connected", "needs_reauth", "error", "disconnected"] as const;
export const IntegrationStatusSchema = z.enum(INTEGRATION_STATUSES);
export type IntegrationStatus = z.infer<typeof IntegrationStatusSchema>;

/** How the stored credential was obtained; it decides the auth header and whether it can refresh. */
export const AuthKindSchema = z.enum(["oauth", "personal", "bot"]);
export type AuthKind = z.infer<typeof AuthKindSchema>;

export const AccountSchema = z.object({
  /** Provider id of the user, workspace or team the credential acts for. */
  id: z.string().min(1),
  name: z.string().nullable(),
  /** Workspace scoping the provider needs on every call (Plane's slug, ClickUp's team ids, Asana's workspace gids). */
  workspaces: z.array(z.string()),
});
export type Account = z.infer<typeof AccountSchema>;

export const SyncStateSchema = z.object({
  status: z.enum(["idle", "syncing", "error"]),
  lastSyncAt: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  lastFullSyncAt: z.date().nullable(),
  lastError: z.string().nullable(),
  taskCount: z.number().int().nonnegative(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export const RateLimitSnapshotSchema = z.object({
  remaining: z.number().int().nonnegative().nullable(),
  resetAt: z.date().nullable(),
});
export type RateLimitSnapshot = z.infer<typeof RateLimitSnapshotSchema>;

/** orgs/{orgId}/integrations/{integrationId}. Readable by members; holds no secret. */
export const IntegrationSchema = z.object({
  provider: ProviderIdSchema,
  status: IntegrationStatusSchema,
  /** Why the status is what it is, in words a client can show (e.g. the needs_reauth reason). */
  statusMessage: z.string().nullable(),
  authKind: AuthKindSchema,
  account: AccountSchema,
  scopes: z.array(z.string()),
  /** Non-default API root (self-hosted Plane, GitHub Enterprise Server); null means the provider's default. */
  baseUrl: z.string().url().nullable(),
  /** When set, only these project ids are synced; null syncs every project the credential sees. */
  projectSelection: z.array(z.string()).nullable(),
  connectedBy: z.string().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
  syncState: SyncStateSchema,
  rateLimit: RateLimitSnapshotSchema.nullable(),
});
export type Integration = z.infer<typeof IntegrationSchema>;

export const INITIAL_SYNC_STATE: SyncState = {
  status: "idle",
  lastSyncAt: null,
  lastSuccessAt: null,
  lastFullSyncAt: null,
  lastError: null,
  taskCount: 0,
};
