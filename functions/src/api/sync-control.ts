import { randomUUID } from "node:crypto";
import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { refs } from "../store/refs";
import { cancelRun } from "../store/sync-runs";
import { fanOut } from "../sync/fan-out";
import { ProjectNotSelectedError } from "../sync/project-selection";
import { requireMember } from "./auth";
import { parseCallableData } from "./callable-input";
import { CancelSyncInputSchema, RequestSyncInputSchema } from "./input-schemas";

/** requestSync: any member starts a sync now, of one project or all; returns the run ids. */
export async function requestSync(request: CallableRequest<unknown>): Promise<{ runIds: string[] }> {
  const input = parseCallableData(RequestSyncInputSchema, request.data);
  await requireMember(request, input.orgId);
  const integration = (await refs.integration(input.orgId, input.integrationId).get()).data();
  if (!integration) throw new HttpsError("not-found", "No such integration.");
  if (integration.status !== "connected") throw new HttpsError("failed-precondition", `The integration is ${integration.status}; connect it again first.`);
  // Fan out inline (not through Pub/Sub) so the caller gets the run ids it can watch.
  const runIds = await fanOut(
    {
      orgId: input.orgId,
      integrationId: input.integrationId,
      trigger: "manual",
      mode: input.mode ?? "incremental",
      requestId: `manual-${randomUUID()}`,
      ...(input.projectId ? { projectId: input.projectId } : {}),
    },
    new Date(),
  ).catch((error: unknown) => {
    if (error instanceof ProjectNotSelectedError) throw new HttpsError("failed-precondition", `Not synced: ${error.message}.`);
    throw error;
  });
  if (input.projectId && runIds.length === 0) throw new HttpsError("not-found", "No such project in this integration.");
  return { runIds };
}

/** cancelSync: a pending or running run ends cancelled; its worker stops at its next page. */
export async function cancelSync(request: CallableRequest<unknown>): Promise<{ status: string }> {
  const input = parseCallableData(CancelSyncInputSchema, request.data);
  await requireMember(request, input.orgId);
  const status = await cancelRun(input.orgId, input.runId);
  if (status === null) throw new HttpsError("not-found", "No such sync run.");
  return { status };
}
