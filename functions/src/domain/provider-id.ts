import { z } from "zod";

/** The task trackers taskbridge syncs. The order is the display order in docs and clients. */
export const PROVIDER_IDS = ["clickup", "github", "plane", "asana", "linear"] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;
