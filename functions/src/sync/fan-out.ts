import { logger } from "firebase-functions";
import type { Project } from "../domain/project";
import { EMPTY_PROGRESS, type SyncMode, type SyncRun } from "../domain/sync-run";
import { openSession } from "../credentials/session";
import { refs } from "../store/refs";
import { createRun } from "../store/sync-runs";
import { currentProjects } from "./project-listing";
import { isProjectSelected, requireProjectSelected } from "./project-selection";
import { handleProviderFailure } from "./provider-failure";
import { runIdFor, type SyncRequest } from "./sync-request";
import { enqueueSyncTask } from "./task-queue";
import { FULL_SYNC_INTERVAL_MS, RUN_START_DEADLINE_MS, WATERMARK_OVERLAP_MS } from "./timing";

/**
 * Fans one integration's sync request out to one run and one Cloud Task per project. Every id is
 * derived from the request, so running it twice for the same request creates nothing new.
 * Returns the run ids. A request for one project outside the integration's selection throws
 * ProjectNotSelectedError before anything is asked of the provider or enqueued.
 */
export async function fanOut(request: SyncRequest, now: Date): Promise<string[]> {
  const integration = (await refs.integration(request.orgId, request.integrationId).get()).data();
  if (!integration || integration.status !== "connected") {
    logger.info("sync request skipped: integration is not connected", { orgId: request.orgId, integrationId: request.integrationId, status: integration?.status ?? "missing" });
    return [];
  }
  if (request.projectId !== undefined) requireProjectSelected(integration, request.projectId);
  let projects: Map<string, Project>;
  try {
    const { provider, session } = await openSession(request.orgId, request.integrationId, integration);
    projects = await currentProjects(request.orgId, request.integrationId, integration.provider, provider, session, now);
  } catch (error) {
    await handleProviderFailure(request.orgId, request.integrationId, error);
    throw error;
  }

  const selected = [...projects.entries()].filter(
    ([id]) => isProjectSelected(integration, id) && (request.projectId === undefined || id === request.projectId),
  );
  return Promise.all(selected.map(([projectId, project]) => startRun(request, projectId, project, now)));
}

async function startRun(request: SyncRequest, projectId: string, project: Project, now: Date): Promise<string> {
  const runId = runIdFor(request.integrationId, projectId, request.requestId);
  const mode: SyncMode = request.mode === "incremental" && !needsFullPass(project, now) ? "incremental" : "full";
  const run: SyncRun = {
    integrationId: request.integrationId,
    provider: project.provider,
    projectId,
    projectName: project.name,
    status: "pending",
    trigger: request.trigger,
    mode,
    progress: EMPTY_PROGRESS,
    error: null,
    checkpoint: null,
    // Overlap the watermark a little: tasks updated in the same instant as the last one seen are not missed.
    since: mode === "incremental" && project.watermark ? new Date(project.watermark.getTime() - WATERMARK_OVERLAP_MS) : null,
    maxUpdatedAt: null,
    continuations: 0,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    deadlineAt: new Date(now.getTime() + RUN_START_DEADLINE_MS),
  };
  // Already there (a duplicated request): the task id below is taken too, so nothing new starts.
  await createRun(request.orgId, runId, run);
  await enqueueSyncTask({ orgId: request.orgId, runId }, runId);
  return runId;
}

/** Incremental passes cannot see deletions: a project gets a full pass when it never had one, or the last is a day old. */
export function needsFullPass(project: Project, now: Date): boolean {
  return (
    project.watermark === null ||
    project.lastFullSyncAt === null ||
    now.getTime() - project.lastFullSyncAt.getTime() > FULL_SYNC_INTERVAL_MS
  );
}
