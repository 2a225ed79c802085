import { httpsCallable, type Functions } from "firebase/functions";
import type { ConnectStart } from "./connect";
import type { NormalizedTask, ProviderId, SyncRunStatus } from "./domain";

// Inputs and results of the backend's callables (functions/src/api, oauth, webhooks). Written
// out here because the backend files that declare them import firebase-admin;
// test/callables.test.ts holds them to the backend's zod input schemas.

export interface ConnectProviderInput { orgId: string; provider: ProviderId; redirectUrl: string; baseUrl?: string }
export interface ConnectWithTokenInput {
  orgId: string;
  provider: ProviderId;
  token: string;
  /** Plane: the workspace slug. */
  workspace?: string;
  baseUrl?: string;
  /** Plane: the secret of the webhook pasted by hand. */
  webhookSecret?: string;
}
export interface IntegrationRef { orgId: string; integrationId: string }
export interface RequestSyncInput extends IntegrationRef { projectId?: string; mode?: "full" | "incremental" }
export interface CancelSyncInput { orgId: string; runId: string }
export interface TaskRef { orgId: string; taskId: string }
export interface CommentOnTaskInput extends TaskRef { text: string }
export interface CreateTaskInput extends IntegrationRef {
  projectId: string;
  title: string;
  description?: string;
  assignees?: string[];
  /** ISO 8601 with an offset, e.g. new Date().toISOString(). */
  dueAt?: string;
  /** 8–128 of [A-Za-z0-9_-]: a retry with the same id returns the first result. */
  clientRequestId?: string;
}

export interface DisconnectResult { revoked: boolean; webhooksDeleted: boolean; runsCancelled: number; tasksDeleted: number; projectsDeleted: number }
export interface RegistrationReport { mode: "api" | "manual"; url: string; created: number; registered: number }
export interface CreateTaskResult { taskId: string; sourceId: string; url: string | null }

/**
 * A task as a callable returns it. Callable responses are JSON and the backend's Dates do not
 * survive that encoding, so the date fields are left out: read them from the task's document
 * (subscribeTasks), which the callable has already updated.
 */
export type CallableTask = Omit<NormalizedTask, "createdAt" | "updatedAt" | "startAt" | "dueAt" | "completedAt">;
export type CompleteTaskResult = { conflict: false; task: CallableTask } | { conflict: true; currentState: CallableTask };

const DATE_FIELDS = ["createdAt", "updatedAt", "startAt", "dueAt", "completedAt"] as const;

function withoutDates(task: NormalizedTask | CallableTask): CallableTask {
  const copy: Record<string, unknown> = { ...task };
  for (const field of DATE_FIELDS) delete copy[field];
  return copy as CallableTask;
}

/** Sends one callable request and returns its `result`; errors arrive as FunctionsError (code, message, details). */
export type Invoke = (name: string, data: unknown) => Promise<unknown>;

export function invokeWith(functions: Functions): Invoke {
  return async (name, data) => (await httpsCallable(functions, name)(data)).data;
}

/** Every callable the backend serves, typed. Owners only: connect*, disconnectIntegration, registerWebhooks. */
export function taskbridgeCallables(invoke: Invoke) {
  const call = <I, R>(name: string) => (input: I) => invoke(name, input) as Promise<R>;
  return {
    /**
     * Returns the start endpoint and its one-time form fields; submit them with submitConnectStart
     * (or use startOAuthConnect). The browser comes back to redirectUrl with provider&success=true or error&message.
     */
    connectProvider: call<ConnectProviderInput, ConnectStart>("connectProvider"),
    connectWithToken: call<ConnectWithTokenInput, { integrationId: string }>("connectWithToken"),
    disconnectIntegration: call<IntegrationRef, DisconnectResult>("disconnectIntegration"),
    registerWebhooks: call<IntegrationRef, RegistrationReport>("registerWebhooks"),
    requestSync: call<RequestSyncInput, { runIds: string[] }>("requestSync"),
    /** Answers the run's status: "cancelled", or the status it had already ended with. */
    cancelSync: call<CancelSyncInput, { status: SyncRunStatus }>("cancelSync"),
    /** `conflict: true` when the provider already had the task done; `currentState` is its state there. */
    completeTask: async (input: TaskRef): Promise<CompleteTaskResult> => {
      const result = (await invoke("completeTask", input)) as { conflict: boolean; task?: NormalizedTask; currentState?: NormalizedTask };
      return result.conflict
        ? { conflict: true, currentState: withoutDates(result.currentState!) }
        : { conflict: false, task: withoutDates(result.task!) };
    },
    commentOnTask: call<CommentOnTaskInput, { commentId: string }>("commentOnTask"),
    createTask: call<CreateTaskInput, CreateTaskResult>("createTask"),
  };
}

export type TaskbridgeCallables = ReturnType<typeof taskbridgeCallables>;

/** The callables bound to a Functions instance (connectFunctionsEmulator first, for the emulators). */
export function callablesFor(functions: Functions): TaskbridgeCallables {
  return taskbridgeCallables(invokeWith(functions));
}
