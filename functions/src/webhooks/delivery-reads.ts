import type { DocumentReference, DocumentSnapshot } from "firebase-admin/firestore";
import type { Integration } from "../domain/integration";
import { taskDocId } from "../domain/normalized-task";
import type { Project } from "../domain/project";
import type { NormalizedTask } from "../domain/task";
import { db } from "../store/db";
import { projectDocId } from "../store/projects";
import { refs } from "../store/refs";
import { ledgerEntryRefFor, versionOfEvent } from "../store/write-ledger";
import type { WebhookEventsMessage } from "./event-message";

/**
 * What applying one delivery reads, fetched in one round trip: the delivery document as it is
 * now (whether an earlier run already processed it), the integration, and every task, project
 * and write-ledger entry its events name (the entry that would make an event carrying its task
 * the echo of our own write). On the emulator each read is a hop through the same busy cores as
 * the next acknowledgements, and in production each is billed, so one getAll replaces the five
 * to seven reads and queries a one-event delivery used to make.
 *
 * A task that an earlier event of the same delivery wrote is read again, so the events of one
 * delivery still apply in order. A document an event does not name (the project of an Asana
 * event, which names none) is read on demand, once.
 */
export class DeliveryReads {
  private constructor(
    readonly delivery: DocumentSnapshot,
    readonly integration: Integration | undefined,
    /** By document path: what was fetched with the delivery or read since. */
    private readonly documents: Map<string, Promise<unknown>>,
    private readonly orgId: string,
    private readonly integrationId: string,
  ) {}

  static async fetch(deliveryRef: DocumentReference, message: WebhookEventsMessage): Promise<DeliveryReads> {
    const { orgId, integrationId, provider } = message;
    const named = new Map<string, DocumentReference>();
    const name = (ref: DocumentReference | null) => {
      if (ref) named.set(ref.path, ref);
    };
    for (const event of message.events) {
      if (event.projectExternalId !== null) name(refs.project(orgId, integrationId, projectDocId(event.projectExternalId)));
      if (event.externalId === null) continue;
      const taskId = taskDocId(provider, event.externalId);
      name(refs.task(orgId, taskId));
      name(ledgerEntryRefFor(orgId, taskId, versionOfEvent(event)));
    }
    const wanted = [...named.values()];
    // getAll answers in the order asked, each snapshot through its own reference's converter.
    const [delivery, integration, ...rest] = await db().getAll(deliveryRef, refs.integration(orgId, integrationId), ...wanted);
    const documents = new Map<string, Promise<unknown>>(wanted.map((ref, i) => [ref.path, Promise.resolve(rest[i]!.data())]));
    return new DeliveryReads(delivery!, integration!.data() as Integration | undefined, documents, orgId, integrationId);
  }

  /** The document as fetched with the delivery, or read now (once) when no event named it. */
  read<T>(ref: DocumentReference<T>): Promise<T | undefined> {
    let read = this.documents.get(ref.path) as Promise<T | undefined> | undefined;
    if (!read) {
      read = ref.get().then((snapshot) => snapshot.data());
      this.documents.set(ref.path, read);
    }
    return read;
  }

  /** The task as stored: as read with the delivery, or again after this delivery wrote it. */
  task(taskId: string): Promise<NormalizedTask | undefined> {
    return this.read(refs.task(this.orgId, taskId));
  }

  project(projectId: string): Promise<Project | undefined> {
    return this.read(refs.project(this.orgId, this.integrationId, projectId));
  }

  /** An event of this delivery may have changed the task: the next event reads it again. */
  taskMayHaveChanged(taskId: string): void {
    this.documents.delete(refs.task(this.orgId, taskId).path);
  }
}
