import { z } from "zod";
import type { ProviderSession } from "../provider";

/** GET /auth/o/app-installation/?id=… (shared/providers.md §3.1): the installation's workspace, by slug. */
const InstallationsSchema = z.array(
  z.object({
    workspace_detail: z.object({ slug: z.string().min(1) }),
  }),
);

/** The workspace slugs an app installation belongs to, asked with its bot token. */
export async function installationWorkspaces(session: ProviderSession, installationId: string): Promise<string[]> {
  const res = await session.http.request({
    method: "GET",
    path: "/auth/o/app-installation/",
    query: { id: installationId },
    schema: InstallationsSchema,
  });
  return [...new Set(res.data.map((installation) => installation.workspace_detail.slug))];
}
