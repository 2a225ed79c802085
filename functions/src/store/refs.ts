import type { CollectionReference, DocumentReference, Query } from "firebase-admin/firestore";
import { zodConverter } from "../domain/converter";
import { IntegrationSchema, type Integration } from "../domain/integration";
import { MemberSchema, OrgSchema, type Member, type Org } from "../domain/org";
import { ProjectSchema, type Project } from "../domain/project";
import { SyncRunSchema, SyncStatsSchema, type SyncRun, type SyncStats } from "../domain/sync-run";
import { NormalizedTaskSchema, type NormalizedTask } from "../domain/task";
import { WebhookDeliverySchema, type WebhookDelivery } from "../domain/webhook-delivery";
import { WriteLedgerEntrySchema, type WriteLedgerEntry } from "../domain/write-ledger";
import { db } from "./db";

const converters = {
  org: zodConverter(OrgSchema, "org"),
  member: zodConverter(MemberSchema, "member"),
  integration: zodConverter(IntegrationSchema, "integration"),
  project: zodConverter(ProjectSchema, "project"),
  task: zodConverter(NormalizedTaskSchema, "task"),
  syncRun: zodConverter(SyncRunSchema, "syncRun"),
  syncStats: zodConverter(SyncStatsSchema, "syncStats"),
  webhookDelivery: zodConverter(WebhookDeliverySchema, "webhookDelivery"),
  writeLedgerEntry: zodConverter(WriteLedgerEntrySchema, "writeLedgerEntry"),
};

/**
 * The top-level collections, each named here once: the refs below and cleanup's list of expiring
 * collections are built from these, so nothing outside the store spells a collection's name.
 */
export const COLLECTIONS = {
  credentials: "credentials",
  webhookDeliveries: "webhookDeliveries",
  webhookHandshakes: "webhookHandshakes",
  writeLedger: "writeLedger",
  eventMarkers: "eventMarkers",
  oauthStates: "oauthStates",
  oauthRefreshLeases: "oauthRefreshLeases",
  createRequests: "createRequests",
} as const;

/** Collections whose documents carry an `expireAt` TTL field (declared in firestore.indexes.json). */
export const EXPIRING_COLLECTIONS = [
  COLLECTIONS.webhookDeliveries,
  COLLECTIONS.oauthStates,
  COLLECTIONS.eventMarkers,
  COLLECTIONS.writeLedger,
  COLLECTIONS.webhookHandshakes,
  COLLECTIONS.createRequests,
] as const;

/** Typed, validating references to every document the backend owns (layout: shared/DESIGN.md). */
export const refs = {
  org: (orgId: string): DocumentReference<Org> => db().doc(`orgs/${orgId}`).withConverter(converters.org),
  member: (orgId: string, uid: string): DocumentReference<Member> =>
    db().doc(`orgs/${orgId}/members/${uid}`).withConverter(converters.member),
  integrations: (orgId: string): CollectionReference<Integration> =>
    db().collection(`orgs/${orgId}/integrations`).withConverter(converters.integration),
  integration: (orgId: string, integrationId: string): DocumentReference<Integration> =>
    refs.integrations(orgId).doc(integrationId),
  /** Every org's integrations at once (reconcile). */
  allIntegrations: (): Query<Integration> => db().collectionGroup("integrations").withConverter(converters.integration),
  projects: (orgId: string, integrationId: string): CollectionReference<Project> =>
    db().collection(`orgs/${orgId}/integrations/${integrationId}/projects`).withConverter(converters.project),
  project: (orgId: string, integrationId: string, projectId: string): DocumentReference<Project> =>
    refs.projects(orgId, integrationId).doc(projectId),
  tasks: (orgId: string): CollectionReference<NormalizedTask> =>
    db().collection(`orgs/${orgId}/tasks`).withConverter(converters.task),
  task: (orgId: string, taskId: string): DocumentReference<NormalizedTask> => refs.tasks(orgId).doc(taskId),
  syncRuns: (orgId: string): CollectionReference<SyncRun> =>
    db().collection(`orgs/${orgId}/syncRuns`).withConverter(converters.syncRun),
  syncRun: (orgId: string, runId: string): DocumentReference<SyncRun> => refs.syncRuns(orgId).doc(runId),
  /** Every org's runs at once, raw: cleanup selects no fields and reads only their paths. */
  allSyncRuns: (): Query => db().collectionGroup("syncRuns"),
  syncStats: (orgId: string): DocumentReference<SyncStats> =>
    db().doc(`orgs/${orgId}/stats/sync`).withConverter(converters.syncStats),
  /**
   * Scoped by integration as well as provider: two orgs watching the same Asana project receive
   * identical events (Asana's delivery id is a hash of the event), and neither may drop the other's.
   */
  webhookDelivery: (provider: string, integrationId: string, deliveryId: string): DocumentReference<WebhookDelivery> =>
    db().doc(`${COLLECTIONS.webhookDeliveries}/${encodeURIComponent(`${provider}:${integrationId}:${deliveryId}`)}`).withConverter(converters.webhookDelivery),
  /** Raw: the credential document is validated by credentials/credential-store.ts, which owns its encryption (written by store/credentials.ts). */
  credentials: (integrationId: string): DocumentReference => db().doc(`${COLLECTIONS.credentials}/${integrationId}`),
  /** Per-page record of the task ids a full pass saw, so the pass can tombstone the rest when it ends. */
  runSeenPage: (orgId: string, runId: string, page: number): DocumentReference =>
    db().doc(`orgs/${orgId}/syncRuns/${runId}/seen/${String(page).padStart(6, "0")}`),
  runSeenPages: (orgId: string, runId: string): CollectionReference => db().collection(`orgs/${orgId}/syncRuns/${runId}/seen`),
  /** Our own write-backs, so the applier can recognise their webhook echoes (store/write-ledger.ts). */
  writeLedger: (): CollectionReference<WriteLedgerEntry> => db().collection(COLLECTIONS.writeLedger).withConverter(converters.writeLedgerEntry),
  writeLedgerEntry: (id: string): DocumentReference<WriteLedgerEntry> => refs.writeLedger().doc(id),
  /** Open while one webhook create waits for its provider's handshake (Asana), named by the hash of the create's token (store/webhook-handshakes.ts). */
  webhookHandshake: (tokenHash: string): DocumentReference => db().collection(COLLECTIONS.webhookHandshakes).doc(tokenHash),
  webhookHandshakes: (): CollectionReference => db().collection(COLLECTIONS.webhookHandshakes),
  /** Once-only markers for at-least-once events (trigger event ids, Pub/Sub message ids). */
  eventMarker: (key: string): DocumentReference => db().doc(`${COLLECTIONS.eventMarkers}/${encodeURIComponent(key)}`),
  /** A connect flow's single-use state (store/oauth-states.ts, judged by connections/state-store.ts); `expireAt` closes it. Backend-only. */
  oauthState: (state: string): DocumentReference => db().collection(COLLECTIONS.oauthStates).doc(state),
  /** Who is refreshing this credential now (store/refresh-leases.ts). Backend-only. */
  oauthRefreshLease: (integrationId: string): DocumentReference => db().collection(COLLECTIONS.oauthRefreshLeases).doc(integrationId),
  /** createTask's answer for one clientRequestId, so a retried create returns it instead of creating twice. */
  createRequest: (orgId: string, clientRequestId: string): DocumentReference =>
    db().doc(`${COLLECTIONS.createRequests}/${encodeURIComponent(`${orgId}:${clientRequestId}`)}`),
};
