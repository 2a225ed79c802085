import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

/**
 * orgs/{orgId}/integrations/{integrationId}/projects/{projectId}: one GitHub repo, ClickUp list,
 * Plane project, Asana project or Linear team. The resume checkpoint of a pass lives on its sync
 * run, not here: a retried run resumes its own pass, and a new run starts a new one.
 */
export const ProjectSchema = z.object({
  provider: ProviderIdSchema,
  integrationId: z.string().min(1),
  externalId: z.string().min(1),
  name: z.string(),
  url: z.string().nullable(),
  /** Provider-specific locator the provider needs to page it (e.g. "owner/repo", a Plane workspace slug + id). */
  providerRef: z.string().min(1),
  /** Newest provider updatedAt a successful pass has stored; incremental passes start here. */
  watermark: z.date().nullable(),
  lastFullSyncAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type Project = z.infer<typeof ProjectSchema>;

/** A project as a provider lists it: what the pipeline and the store pass back to that provider. */
export interface ProjectInfo {
  externalId: string;
  name: string;
  url: string | null;
  /** Provider-specific locator (e.g. "owner/repo", "workspace-slug/project-id"); only its provider reads it. */
  providerRef: string;
}
