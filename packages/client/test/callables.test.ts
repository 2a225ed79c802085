import * as Backend from "../../../functions/src/api/input-schemas";
import type { ConnectProviderResult } from "../../../functions/src/connections/connect";
import type { ConnectStart } from "../src/connect";
import {
  CancelSyncInputSchema,
  CommentOnTaskInputSchema,
  ConnectProviderInputSchema,
  ConnectWithTokenInputSchema,
  CreateTaskInputSchema,
  DisconnectIntegrationInputSchema,
  RegisterWebhooksInputSchema,
  RequestSyncInputSchema,
  taskbridgeCallables,
} from "../src/callables";
import * as Client from "../src/index";

// Exact equality: optional fields count, unlike mutual assignability.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// connectProvider's answer, which the app posts back as its start form, is written out in the client.
const sameStart: Same<ConnectStart, ConnectProviderResult> = true;

/** Records each call and answers from a table, like the callable endpoint would. */
function recorder(answers: Record<string, unknown>) {
  const calls: Array<{ name: string; data: unknown }> = [];
  const api = taskbridgeCallables(async (name, data) => {
    calls.push({ name, data });
    return answers[name];
  });
  return { api, calls };
}

describe("taskbridgeCallables", () => {
  it("exports every callable input schema of the backend, the very objects the callables parse with", () => {
    const schemaNames = Object.keys(Backend).filter((name) => name.endsWith("InputSchema"));
    expect(schemaNames).toHaveLength(9);
    for (const name of schemaNames) expect((Client as Record<string, unknown>)[name]).toBe((Backend as Record<string, unknown>)[name]);
    expect(sameStart).toBe(true);
  });

  it("calls each function by its deployed name with inputs the backend accepts", async () => {
    const { api, calls } = recorder({ requestSync: { runIds: ["r1"] }, createTask: { taskId: "github:1", sourceId: "1", url: null } });
    const org = { orgId: "org-1" };
    const cases: Array<[string, () => Promise<unknown>, { safeParse(data: unknown): { success: boolean } }]> = [
      ["connectProvider", () => api.connectProvider({ ...org, provider: "github", redirectUrl: "http://127.0.0.1:5173/" }), ConnectProviderInputSchema],
      ["connectWithToken", () => api.connectWithToken({ ...org, provider: "plane", token: "plane_api_0123456789", workspace: "acme" }), ConnectWithTokenInputSchema],
      ["disconnectIntegration", () => api.disconnectIntegration({ ...org, integrationId: "int-1" }), DisconnectIntegrationInputSchema],
      ["registerWebhooks", () => api.registerWebhooks({ ...org, integrationId: "int-1" }), RegisterWebhooksInputSchema],
      ["requestSync", () => api.requestSync({ ...org, integrationId: "int-1", mode: "full" }), RequestSyncInputSchema],
      ["cancelSync", () => api.cancelSync({ ...org, runId: "r1" }), CancelSyncInputSchema],
      ["commentOnTask", () => api.commentOnTask({ ...org, taskId: "github:1", text: "Looks good" }), CommentOnTaskInputSchema],
      ["createTask", () => api.createTask({ ...org, integrationId: "int-1", projectId: "p", title: "New", dueAt: new Date().toISOString(), clientRequestId: "req-12345678" }), CreateTaskInputSchema],
    ];
    for (const [name, send, schema] of cases) {
      await send();
      const call = calls.at(-1)!;
      expect(call.name).toBe(name);
      expect(schema.safeParse(call.data).success).toBe(true);
    }
    await expect(api.requestSync({ ...org, integrationId: "int-1" })).resolves.toEqual({ runIds: ["r1"] });
  });

  it("returns completeTask's task and conflict without the dates JSON could not carry", async () => {
    const task = { id: "github:1", title: "Done", status: "done", updatedAt: {}, dueAt: {}, createdAt: {}, startAt: null, completedAt: {} };
    const done = recorder({ completeTask: { conflict: false, task } });
    await expect(done.api.completeTask({ orgId: "o", taskId: "github:1" })).resolves.toEqual({ conflict: false, task: { id: "github:1", title: "Done", status: "done" } });
    const conflict = recorder({ completeTask: { conflict: true, currentState: task } });
    const result = await conflict.api.completeTask({ orgId: "o", taskId: "github:1" });
    expect(result.conflict && result.currentState.status).toBe("done");
  });
});
