import type { Integration } from "../domain/integration";

/**
 * An integration's projectSelection is the org's decision about which projects' tasks it may see:
 * no path that starts a sync (fan-out, requestSync, a webhook for an unknown project) may go past it.
 */
export function isProjectSelected(integration: Pick<Integration, "projectSelection">, projectId: string): boolean {
  return integration.projectSelection === null || integration.projectSelection.includes(projectId);
}

/** A sync asked for a project the integration's selection excludes. Never worth a retry. */
export class ProjectNotSelectedError extends Error {
  constructor(readonly projectId: string) {
    super(`project ${projectId} is not in this integration's project selection; add it to the selection to sync it`);
    this.name = "ProjectNotSelectedError";
  }
}

export function requireProjectSelected(integration: Pick<Integration, "projectSelection">, projectId: string): void {
  if (!isProjectSelected(integration, projectId)) throw new ProjectNotSelectedError(projectId);
}
