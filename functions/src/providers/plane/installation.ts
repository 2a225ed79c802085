import { z } from "zod";
import type { ProviderSession } from "../provider";

/**
 * GET /auth/o/app-installation/?id=… (shared/providers.md §3.1): the app's installations, each
 * with its workspace. Plane's OAuthApplicationInstalledWorkspacesEndpoint filters by `id` and,
 * for a user token (authorization_code grant), to workspaces that user is a member of (and to the
 * token's own workspace, if it has one): so a user token sees an installation only where that
 * user could have installed it. Fields are the WorkspaceAppInstallation model's.
 */
const InstallationsSchema = z.array(
  z.object({
    id: z.string().min(1),
    status: z.string(),
    workspace_detail: z.object({ slug: z.string().min(1) }),
  }),
);

/**
 * The workspace slugs of installation `installationId`, as Plane confirms it to the session's
 * token: only an installation with that very id and status `installed` counts (the filter is
 * re-checked here rather than trusted to the server). Empty when Plane does not vouch for it.
 */
export async function installationWorkspaces(session: ProviderSession, installationId: string): Promise<string[]> {
  const res = await session.http.request({
    method: "GET",
    path: "/auth/o/app-installation/",
    query: { id: installationId },
    schema: InstallationsSchema,
  });
  const confirmed = res.data.filter((installation) => installation.id === installationId && installation.status === "installed");
  return [...new Set(confirmed.map((installation) => installation.workspace_detail.slug))];
}
