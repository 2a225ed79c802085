import type { DocumentReference, DocumentSnapshot } from "firebase-admin/firestore";
import type { Integration } from "../domain/integration";
import { taskDocId } from "../domain/normalized-task";
import type { Project } from "../domain/project";
import type { NormalizedTask } from "../domain/task";
import { db } from "../store/db";
import { projectDocId } from "../store/projects";
import { refs } from "../store/refs";
import type { WebhookEventsMessage } from "./event-message";

/**
 * What applying one delivery reads, fetched in one round trip: the delivery document as it is
 * now (whether an earlier run already processed it), the integration, and every task and
 * project its events name. On the emulator each read is a hop through the same busy cores as
 * the next acknowledgements, and in production each is billed, so one getAll replaces the four
 * to six reads a one-event delivery used to make.
 *
 * A task that an earlier event of the same delivery wrote is read again, so the events of one
 * delivery still apply in order. A project an event does not name (Asana events name none) is
 * read on demand, once.
 */
export class DeliveryReads {
  private constructor(
    readonly delivery: DocumentSnapshot,
    readonly integration: Integration | undefined,
    private readonly tasks: Map<string, Promise<NormalizedTask | undefined>>,
    private readonly projects: Map<string, Promise<Project | undefined>>,
    private readonly orgId: string,
    private readonly integrationId: string,
  ) {}

  static async fetch(deliveryRef: DocumentReference, message: WebhookEventsMessage): Promise<DeliveryReads> {
    const { orgId, integrationId, provider } = message;
    const taskIds = unique(message.events.flatMap((event) => (event.externalId === null ? [] : [taskDocId(provider, event.externalId)])));
    const projectIds = unique(message.events.flatMap((event) => (event.projectExternalId === null ? [] : [projectDocId(event.projectExternalId)])));
    const taskRefs = taskIds.map((taskId) => refs.task(orgId, taskId));
    const projectRefs = projectIds.map((projectId) => refs.project(orgId, integrationId, projectId));
    // getAll answers in the order asked, each snapshot through its own reference's converter.
    const [delivery, integration, ...rest] = await db().getAll(deliveryRef, refs.integration(orgId, integrationId), ...taskRefs, ...projectRefs);
    const tasks = new Map(taskIds.map((taskId, i) => [taskId, Promise.resolve(rest[i]!.data() as NormalizedTask | undefined)]));
    const projects = new Map(projectIds.map((projectId, i) => [projectId, Promise.resolve(rest[taskIds.length + i]!.data() as Project | undefined)]));
    return new DeliveryReads(delivery!, integration!.data() as Integration | undefined, tasks, projects, orgId, integrationId);
  }

  /** The task as stored: as read with the delivery, or again after this delivery wrote it. */
  task(taskId: string): Promise<NormalizedTask | undefined> {
    return this.cached(this.tasks, taskId, () => refs.task(this.orgId, taskId));
  }

  project(projectId: string): Promise<Project | undefined> {
    return this.cached(this.projects, projectId, () => refs.project(this.orgId, this.integrationId, projectId));
  }

  /** An event of this delivery may have changed the task: the next event reads it again. */
  taskMayHaveChanged(taskId: string): void {
    this.tasks.delete(taskId);
  }

  private cached<T>(cache: Map<string, Promise<T | undefined>>, id: string, ref: () => DocumentReference<T>): Promise<T | undefined> {
    let read = cache.get(id);
    if (!read) {
      read = ref()
        .get()
        .then((snapshot) => snapshot.data());
      cache.set(id, read);
    }
    return read;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
