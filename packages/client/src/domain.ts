// The document shapes are the backend's own zod schemas, imported file by file: these files
// depend on zod alone, so no firebase-admin or node: module reaches a browser bundle. (The
// domain index also exports normalized-task.ts, which uses node:crypto, so it is not imported.)
export { PROVIDER_IDS, ProviderIdSchema, type ProviderId } from "../../../functions/src/domain/provider-id";
export {
  TASK_STATUSES,
  NormalizedTaskSchema,
  TaskStatusSchema,
  type Assignee,
  type NormalizedTask,
  type TaskPriority,
  type TaskStatus,
} from "../../../functions/src/domain/task";
export {
  INTEGRATION_STATUSES,
  IntegrationSchema,
  type Integration,
  type IntegrationStatus,
  type SyncState,
} from "../../../functions/src/domain/integration";
export {
  SYNC_RUN_STATUSES,
  SyncRunSchema,
  SyncStatsSchema,
  TERMINAL_RUN_STATUSES,
  type SyncProgress,
  type SyncRun,
  type SyncRunStatus,
  type SyncStats,
} from "../../../functions/src/domain/sync-run";
export { ProjectSchema, type Project } from "../../../functions/src/domain/project";
export { MemberSchema, OrgSchema, type Member, type MemberRole, type Org } from "../../../functions/src/domain/org";
