import { HttpsError } from "firebase-functions/https";
import type { TaskContext } from "../../domain/normalized-task";
import type { Integration } from "../../domain/integration";
import type { Project } from "../../domain/project";
import type { NormalizedTask } from "../../domain/task";
import type { ProjectInfo, TaskRef } from "../../providers/provider";
import { openSession, type OpenedSession } from "../../credentials/session";
import { projectInfo } from "../../store/projects";
import { refs } from "../../store/refs";

/** Everything a write needs about one integration and project: the open session and the task context. */
export interface WriteTarget extends OpenedSession {
  orgId: string;
  integrationId: string;
  integration: Integration;
  project: ProjectInfo;
  context: TaskContext;
}

export async function projectTarget(orgId: string, integrationId: string, projectId: string): Promise<WriteTarget> {
  const integration = (await refs.integration(orgId, integrationId).get()).data();
  if (!integration) throw new HttpsError("not-found", "No such integration.");
  if (integration.status !== "connected") {
    throw new HttpsError("failed-precondition", `The integration is ${integration.status}${integration.statusMessage ? `: ${integration.statusMessage}` : ""}.`);
  }
  const project: Project | undefined = (await refs.project(orgId, integrationId, projectId).get()).data();
  if (!project) throw new HttpsError("not-found", "No such project in this integration.");
  const opened = await openSession(orgId, integrationId, integration);
  return {
    ...opened,
    orgId,
    integrationId,
    integration,
    project: projectInfo(project),
    context: { provider: integration.provider, integrationId, projectId, projectName: project.name },
  };
}

/** The stored task and the target it lives in. A tombstoned task is gone for writing purposes. */
export async function taskTarget(orgId: string, taskId: string): Promise<{ task: NormalizedTask; target: WriteTarget; ref: TaskRef }> {
  const task = (await refs.task(orgId, taskId).get()).data();
  if (!task || task.deleted) throw new HttpsError("not-found", "No such task.");
  const target = await projectTarget(orgId, task.integrationId, task.projectId);
  return { task, target, ref: { externalId: task.externalId, providerRef: task.providerRef, project: target.project } };
}
