import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

/** orgs/{orgId}/integrations/{integrationId}/projects/{projectId}: one GitHub repo, ClickUp list, Plane project, Asana project or Linear team. */
export const ProjectSchema = z.object({
  provider: ProviderIdSchema,
  integrationId: z.string().min(1),
  externalId: z.string().min(1),
  name: z.string(),
  url: z.string().nullable(),
  /** Provider-specific locator the provider needs to page it (e.g. "owner/repo", a Plane workspace slug + id). */
  providerRef: z.string().min(1),
  /** Where an interrupted full pass resumes; null when no pass is in flight. */
  checkpoint: z.string().nullable(),
  /** Newest provider updatedAt a successful pass has stored; incremental passes start here. */
  watermark: z.date().nullable(),
  lastFullSyncAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type Project = z.infer<typeof ProjectSchema>;
