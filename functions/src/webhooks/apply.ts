import { logger } from "firebase-functions";
import type { Integration } from "../domain/integration";
import { taskDocId, toNormalizedTask } from "../domain/normalized-task";
import type { Project } from "../domain/project";
import type { NormalizedTask, TaskDraft } from "../domain/task";
import { ProviderHttpError } from "../http/errors";
import type { WebhookEvent } from "../providers/provider";
import { openSession, type OpenedSession } from "../credentials/session";
import { projectDocId, projectInfo } from "../store/projects";
import { decideTombstone, isOutdatedBy, noWriteOnRead, tombstoneTaskVersioned, writeTaskVersioned } from "../store/task-version";
import { isEchoOfOurWrite, versionOfEvent } from "../store/write-ledger";
import { handleProviderFailure } from "../sync/provider-failure";
import { isProjectSelected } from "../sync/project-selection";
import { publishSyncRequests } from "../sync/publish";
import type { DeliveryReads } from "./delivery-reads";
import type { WebhookEventsMessage } from "./event-message";

export type ApplyOutcome =
  | "ignored"
  | "not-connected"
  | "unplaced"
  | "not-selected"
  | "project-sync-requested"
  | "stale"
  | "echo"
  | "unchanged"
  | "written"
  | "tombstoned"
  | "provider-error";

/**
 * Applies one delivery's events (apply-recorded.ts marks the delivery processed), on what
 * `reads` fetched with the delivery. Each event touches only its own task; a provider error that
 * a retry may cure (5xx, network, rate limit) is thrown so the trigger is retried, and every step
 * is idempotent so a retry changes nothing twice.
 */
export async function applyDelivery(message: WebhookEventsMessage, reads: DeliveryReads, now: Date): Promise<ApplyOutcome[]> {
  const integration = reads.integration;
  const outcomes: ApplyOutcome[] = [];
  if (!integration || integration.status !== "connected") {
    outcomes.push(...message.events.map((): ApplyOutcome => "not-connected"));
  } else {
    const applier = new EventApplier(message, integration, reads, now);
    for (const event of message.events) outcomes.push(await applier.apply(event));
  }
  return outcomes;
}

class EventApplier {
  private opened: Promise<OpenedSession> | undefined;

  constructor(
    private readonly message: WebhookEventsMessage,
    private readonly integration: Integration,
    private readonly reads: DeliveryReads,
    private readonly now: Date,
  ) {}

  async apply(event: WebhookEvent): Promise<ApplyOutcome> {
    if (event.action === "ignore" || event.externalId === null) return "ignored";
    const { orgId, provider } = this.message;
    const taskId = taskDocId(provider, event.externalId);
    const stored = await this.reads.task(taskId);

    const projectId = event.projectExternalId !== null ? projectDocId(event.projectExternalId) : (stored?.projectId ?? null);
    if (projectId === null) {
      // Nothing says which project the task is in (an Asana change to a task we never stored): the hourly reconcile will find it.
      logger.info("webhook event names no project and the task is not stored", { orgId, taskId, eventType: event.eventType });
      return "unplaced";
    }
    if (!isProjectSelected(this.integration, projectId)) return "not-selected";
    const project = await this.reads.project(projectId);
    if (!project) return this.syncUnknownProject(projectId);

    // Older than what we hold (or than its tombstone): skip before asking the provider anything.
    if (isOutdatedBy(stored, event.updatedAt)) return "stale";
    if (event.action === "delete") return this.tombstone(taskId, stored, event.updatedAt);
    if (await isEchoOfOurWrite(orgId, taskId, versionOfEvent(event), this.now, (ref) => this.reads.read(ref))) return "echo";

    let draft: TaskDraft | null | undefined;
    try {
      draft = event.task ?? (await this.fetch(event, stored, project));
    } catch (error) {
      return this.providerFailure(error);
    }
    if (draft === undefined) return this.syncUnknownProject(projectId);
    // The provider no longer has it.
    if (draft === null) return this.tombstone(taskId, stored, null);
    return this.upsert(stored, toNormalizedTask(draft, { provider, integrationId: this.message.integrationId, projectId, projectName: project.name }));
  }

  /** The task from the provider; undefined when nothing says how to find it (no stored task, no ref in the payload). */
  private async fetch(event: WebhookEvent, stored: NormalizedTask | undefined, project: Project): Promise<TaskDraft | null | undefined> {
    const providerRef = event.providerRef ?? stored?.providerRef;
    if (!providerRef || event.externalId === null) return undefined;
    this.opened ??= openSession(this.message.orgId, this.message.integrationId, this.integration);
    const { provider, session } = await this.opened;
    return provider.getTask(session, { externalId: event.externalId, providerRef, project: projectInfo(project) });
  }

  /**
   * Writes the task under the version rule (store/task-version.ts): never over a newer version or
   * a tombstone as new. When the task as read with the delivery already decides that nothing is
   * written, no transaction is run (noWriteOnRead says why that is safe).
   */
  private async upsert(stored: NormalizedTask | undefined, task: NormalizedTask): Promise<ApplyOutcome> {
    const decided = noWriteOnRead(stored, task);
    if (decided) return decided;
    this.reads.taskMayHaveChanged(task.id);
    return writeTaskVersioned(this.message.orgId, task);
  }

  /**
   * Marks the task deleted, keeping the deletion's version, unless the stored task is newer than
   * the deletion; like upsert, without a transaction when the earlier read decides nothing is written.
   */
  private async tombstone(taskId: string, stored: NormalizedTask | undefined, deletedAt: Date | null): Promise<ApplyOutcome> {
    const decided = decideTombstone(stored, deletedAt);
    if (decided.kind !== "tombstone") return decided.kind;
    this.reads.taskMayHaveChanged(taskId);
    return tombstoneTaskVersioned(this.message.orgId, taskId, deletedAt);
  }

  /**
   * A project we have not stored yet (new since the last sync): sync it. All events of one hour
   * for one project share the request id, so they start one run between them.
   */
  private async syncUnknownProject(projectId: string): Promise<ApplyOutcome> {
    const { orgId, integrationId } = this.message;
    const hour = this.now.toISOString().slice(0, 13);
    await publishSyncRequests([{ orgId, integrationId, trigger: "webhook", mode: "full", requestId: `webhook-${hour}-${projectId}`.slice(0, 200), projectId }]);
    return "project-sync-requested";
  }

  private async providerFailure(error: unknown): Promise<ApplyOutcome> {
    if (!(error instanceof ProviderHttpError) || error.retryable) throw error;
    await handleProviderFailure(this.message.orgId, this.message.integrationId, error);
    logger.warn("webhook event not applied: the provider refused the fetch", { orgId: this.message.orgId, error: error.message });
    return "provider-error";
  }
}
