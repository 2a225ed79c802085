import { ValidationError } from "../../domain/validation-error";
import type { ProviderSession } from "../provider";

/** API paths of one Plane project; every Plane call is scoped to a workspace slug. */
export interface ProjectLocator {
  slug: string;
  projectId: string;
}

/** The workspace every call is scoped to: the account's first workspace slug. */
export function workspaceSlug(session: ProviderSession): string {
  const slug = session.account.workspaces[0];
  if (!slug) throw new ValidationError("plane account", [{ field: "workspaces", message: "holds no workspace slug" }]);
  return slug;
}

/** A project's providerRef, "slug/project-id", apart. */
export function parseProjectRef(providerRef: string): ProjectLocator {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(providerRef);
  if (!match) throw new ValidationError("plane project ref", [{ field: "providerRef", message: "is not slug/project-id" }]);
  return { slug: match[1] as string, projectId: match[2] as string };
}

/** A task's providerRef, "project-id/work-item-id", apart. */
export function parseItemRef(providerRef: string): { projectId: string; itemId: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(providerRef);
  if (!match) throw new ValidationError("plane task ref", [{ field: "providerRef", message: "is not project-id/work-item-id" }]);
  return { projectId: match[1] as string, itemId: match[2] as string };
}

export function projectPath({ slug, projectId }: ProjectLocator): string {
  return `/api/v1/workspaces/${encodeURIComponent(slug)}/projects/${encodeURIComponent(projectId)}`;
}

export function workItemsPath(project: ProjectLocator): string {
  return `${projectPath(project)}/work-items/`;
}

export function workItemPath(project: ProjectLocator, itemId: string): string {
  return `${projectPath(project)}/work-items/${encodeURIComponent(itemId)}/`;
}

/**
 * The web app's root for a workspace, for links. Plane Cloud serves its API on api.plane.so and
 * its app on app.plane.so; a self-hosted instance serves both from one origin.
 */
export function workspaceUrl(apiBaseUrl: string, slug: string): string {
  const base = new URL(apiBaseUrl);
  const origin = base.hostname === "api.plane.so" ? "https://app.plane.so" : base.origin;
  return `${origin}/${encodeURIComponent(slug)}`;
}
