import { httpsCallable, type Functions } from "firebase/functions";
import type * as Schemas from "../../../functions/src/api/input-schemas";
import type { ConnectStart } from "./connect";
import type { NormalizedTask, SyncRunStatus } from "./domain";

// The inputs are the backend's own zod schemas (functions/src/api/input-schemas.ts, which
// depends on zod and domain/ alone), so a field added or renamed there changes these types. The
// results are written out here: the files that produce them import firebase-admin.
export * from "../../../functions/src/api/input-schemas";

/** A schema's input type, read from zod 4's own field: this package may resolve another zod than the backend's. */
type Input<S extends { _zod: { input: unknown } }> = S["_zod"]["input"];

export type ConnectProviderInput = Input<typeof Schemas.ConnectProviderInputSchema>;
export type ConnectWithTokenInput = Input<typeof Schemas.ConnectWithTokenInputSchema>;
export type IntegrationRef = Input<typeof Schemas.DisconnectIntegrationInputSchema>;
export type RegisterWebhooksInput = Input<typeof Schemas.RegisterWebhooksInputSchema>;
export type RequestSyncInput = Input<typeof Schemas.RequestSyncInputSchema>;
export type CancelSyncInput = Input<typeof Schemas.CancelSyncInputSchema>;
export type TaskRef = Input<typeof Schemas.CompleteTaskInputSchema>;
export type CommentOnTaskInput = Input<typeof Schemas.CommentOnTaskInputSchema>;
/** dueAt is ISO 8601 with an offset (new Date().toISOString()); a retry with the same clientRequestId returns the first result. */
export type CreateTaskInput = Input<typeof Schemas.CreateTaskInputSchema>;

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
    registerWebhooks: call<RegisterWebhooksInput, RegistrationReport>("registerWebhooks"),
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
