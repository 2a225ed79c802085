import type { Project, ProjectInfo } from "../domain/project";
import type { ProviderId } from "../domain/provider-id";
import { bulkWrite } from "./bulk";
import { refs } from "./refs";

/** A project's document id: its provider id, made safe for a path segment. */
export function projectDocId(externalId: string): string {
  return encodeURIComponent(externalId);
}

export function projectInfo(project: Project): ProjectInfo {
  return { externalId: project.externalId, name: project.name, url: project.url, providerRef: project.providerRef };
}

/**
 * Records the projects the provider listed: new ones are created, renamed or moved ones updated,
 * and the sync bookkeeping (watermark, last full pass) of existing ones is kept.
 */
export async function upsertProjects(
  orgId: string,
  integrationId: string,
  provider: ProviderId,
  listed: ProjectInfo[],
  now: Date,
): Promise<Map<string, Project>> {
  const existing = new Map((await refs.projects(orgId, integrationId).get()).docs.map((doc) => [doc.id, doc.data()]));
  const result = new Map<string, Project>();
  const changed: Array<[string, Project]> = [];
  for (const info of listed) {
    const id = projectDocId(info.externalId);
    const before = existing.get(id);
    const project: Project = {
      provider,
      integrationId,
      externalId: info.externalId,
      name: info.name,
      url: info.url,
      providerRef: info.providerRef,
      watermark: before?.watermark ?? null,
      lastFullSyncAt: before?.lastFullSyncAt ?? null,
      updatedAt: before && sameListing(before, info) ? before.updatedAt : now,
    };
    if (!before || !sameListing(before, info)) changed.push([id, project]);
    result.set(id, project);
  }
  await bulkWrite((writer) => changed.map(([id, project]) => writer.set(refs.project(orgId, integrationId, id), project)));
  return result;
}

function sameListing(project: Project, info: ProjectInfo): boolean {
  return project.name === info.name && project.url === info.url && project.providerRef === info.providerRef;
}
