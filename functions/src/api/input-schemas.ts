import { z } from "zod";
import { ProviderIdSchema } from "../domain/provider-id";
import { SyncModeSchema } from "../domain/sync-run";

// The input of every callable, in one module that depends on zod and domain/ alone: the
// callables parse with these, and packages/client imports this very file for its input types,
// so no firebase-admin or node: module reaches a browser bundle.

export { CommentOnTaskInputSchema, CompleteTaskInputSchema, CreateTaskInputSchema } from "./write-back/inputs";

const id = z.string().min(1).max(200);

/** API root of a self-hosted instance (GitHub Enterprise Server, self-hosted Plane); omit for the provider's cloud. */
const baseUrl = z.string().min(1).max(500).optional();

export const ConnectProviderInputSchema = z.object({
  orgId: id,
  provider: ProviderIdSchema,
  redirectUrl: z.string().min(1).max(2000),
  /** API root of a self-hosted instance on PROVIDER_BASE_URL_ALLOWLIST (GitHub Enterprise Server, self-hosted Plane); omit for the provider's cloud. */
  baseUrl,
});

export const ConnectWithTokenInputSchema = z.object({
  orgId: id,
  provider: ProviderIdSchema,
  /** GitHub PAT, ClickUp pk_ token, Plane API key, Asana PAT or Linear API key. */
  token: z.string().trim().min(8).max(4096),
  /** The workspace the token is for, where the provider needs it named (Plane: its slug). */
  workspace: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only").optional(),
  /** API root of a self-hosted instance (GitHub Enterprise Server, self-hosted Plane). */
  baseUrl,
  /** The signing secret of a webhook the user created by hand (Plane). */
  webhookSecret: z.string().min(8).max(500).optional(),
});

export const DisconnectIntegrationInputSchema = z.object({ orgId: id, integrationId: id });
export const RegisterWebhooksInputSchema = z.object({ orgId: id, integrationId: id });
export const RequestSyncInputSchema = z.object({ orgId: id, integrationId: id, projectId: id.optional(), mode: SyncModeSchema.optional() });
export const CancelSyncInputSchema = z.object({ orgId: id, runId: id });
