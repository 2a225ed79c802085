import {
  limit,
  onSnapshot,
  orderBy,
  query,
  where,
  type Firestore,
  type Query,
  type QueryConstraint,
  type QuerySnapshot,
  type Unsubscribe,
} from "firebase/firestore";
import { InvalidDocumentError, type WithId } from "./converters";
import type { Integration, NormalizedTask, Project, ProviderId, SyncRun, SyncStats, TaskStatus } from "./domain";
import { clientRefs } from "./refs";

export interface Listener<T> {
  next: (value: T) => void;
  /** Listener errors (permission-denied for a non-member, network) end the subscription. */
  error?: (error: Error) => void;
  /** Documents that fail their schema are left out of `next` and reported here instead. */
  invalid?: (error: InvalidDocumentError) => void;
}

export interface TaskFilter {
  status?: TaskStatus;
  provider?: ProviderId;
  projectId?: string;
  integrationId?: string;
  /** Tombstoned tasks (deleted in their provider) are hidden unless asked for. */
  includeDeleted?: boolean;
  /** At most this many tasks (default 500). */
  max?: number;
}

/**
 * Equality filters only: Firestore serves any mix of them without a composite index, so no
 * filter combination needs a deploy step. The caller sorts (see sortByUpdatedDesc).
 */
export function taskQueryConstraints(filter: TaskFilter): QueryConstraint[] {
  const constraints: QueryConstraint[] = [];
  if (!filter.includeDeleted) constraints.push(where("deleted", "==", false));
  if (filter.status) constraints.push(where("status", "==", filter.status));
  if (filter.provider) constraints.push(where("provider", "==", filter.provider));
  if (filter.projectId) constraints.push(where("projectId", "==", filter.projectId));
  if (filter.integrationId) constraints.push(where("integrationId", "==", filter.integrationId));
  constraints.push(limit(filter.max ?? 500));
  return constraints;
}

export function sortByUpdatedDesc<T extends { updatedAt: Date }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** Reads every document through its converter; one bad document does not hide the others. */
export function validDocs<T>(snapshot: QuerySnapshot<T>, invalid?: (error: InvalidDocumentError) => void): T[] {
  const items: T[] = [];
  for (const document of snapshot.docs) {
    try {
      items.push(document.data());
    } catch (error) {
      if (!(error instanceof InvalidDocumentError)) throw error;
      invalid?.(error);
    }
  }
  return items;
}

function subscribeQuery<T>(q: Query<T>, listener: Listener<T[]>): Unsubscribe {
  return onSnapshot(q, (snapshot) => listener.next(validDocs(snapshot, listener.invalid)), (error) => listener.error?.(error));
}

/** An org's tasks matching the filter, newest provider update first, live. */
export function subscribeTasks(db: Firestore, orgId: string, filter: TaskFilter, listener: Listener<NormalizedTask[]>): Unsubscribe {
  const q = query(clientRefs.tasks(db, orgId), ...taskQueryConstraints(filter));
  return subscribeQuery(q, { ...listener, next: (tasks) => listener.next(sortByUpdatedDesc(tasks)) });
}

/** The org's pending and running sync-run counts (orgs/{org}/stats/sync; zero before the first run). */
export function subscribeSyncStats(db: Firestore, orgId: string, listener: Listener<SyncStats>): Unsubscribe {
  return onSnapshot(
    clientRefs.syncStats(db, orgId),
    (snapshot) => {
      try {
        const stats = snapshot.exists() ? snapshot.data() : null;
        listener.next(stats ? { pending: stats.pending, running: stats.running } : { pending: 0, running: 0 });
      } catch (error) {
        if (!(error instanceof InvalidDocumentError)) throw error;
        listener.invalid?.(error);
      }
    },
    (error) => listener.error?.(error),
  );
}

/** Just the running count, for a badge. */
export function subscribeRunningCount(db: Firestore, orgId: string, listener: Listener<number>): Unsubscribe {
  return subscribeSyncStats(db, orgId, { ...listener, next: (stats) => listener.next(Math.max(0, stats.running)) });
}

/** One integration's status, sync state and error; null once it no longer exists. */
export function subscribeIntegration(
  db: Firestore,
  orgId: string,
  integrationId: string,
  listener: Listener<WithId<Integration> | null>,
): Unsubscribe {
  return onSnapshot(
    clientRefs.integration(db, orgId, integrationId),
    (snapshot) => {
      try {
        listener.next(snapshot.exists() ? snapshot.data() : null);
      } catch (error) {
        if (!(error instanceof InvalidDocumentError)) throw error;
        listener.invalid?.(error);
      }
    },
    (error) => listener.error?.(error),
  );
}

/** Every integration of the org (disconnected ones included: they say why), live. */
export function subscribeIntegrations(db: Firestore, orgId: string, listener: Listener<WithId<Integration>[]>): Unsubscribe {
  return subscribeQuery(query(clientRefs.integrations(db, orgId)), listener);
}

/** The newest sync runs with their live progress (single-field order: no composite index). */
export function subscribeSyncRuns(db: Firestore, orgId: string, max: number, listener: Listener<WithId<SyncRun>[]>): Unsubscribe {
  return subscribeQuery(query(clientRefs.syncRuns(db, orgId), orderBy("createdAt", "desc"), limit(max)), listener);
}

/** An integration's projects (repositories, lists, teams), e.g. to pick where createTask writes. */
export function subscribeProjects(db: Firestore, orgId: string, integrationId: string, listener: Listener<WithId<Project>[]>): Unsubscribe {
  return subscribeQuery(query(clientRefs.projects(db, orgId, integrationId)), listener);
}
