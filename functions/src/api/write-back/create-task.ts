import type { CallableRequest } from "firebase-functions/https";
import { toNormalizedTask } from "../../domain/normalized-task";
import { writeTaskVersioned } from "../../store/task-version";
import { requireMember } from "../auth";
import { parseCallableData } from "../callable-input";
import { CreateTaskInputSchema } from "./inputs";
import { toHttpsError } from "./provider-errors";
import { recordWrite } from "../../store/write-ledger";
import { findCreateResult, saveCreateResult, type CreateTaskResult } from "./create-requests";
import { projectTarget } from "./task-target";

/**
 * createTask: creates the task in the provider's project and writes the normalized task from the
 * provider's answer, so it appears at once. With a clientRequestId, a retry returns the first
 * result instead of creating a second task (providers with an external-id field also get it).
 */
export async function createTask(request: CallableRequest<unknown>): Promise<CreateTaskResult> {
  const input = parseCallableData(CreateTaskInputSchema, request.data);
  const uid = await requireMember(request, input.orgId);
  if (input.clientRequestId) {
    const earlier = await findCreateResult(input.orgId, input.clientRequestId);
    if (earlier) return earlier;
  }
  const target = await projectTarget(input.orgId, input.integrationId, input.projectId);
  try {
    const draft = await target.provider.create(target.session, target.project, {
      title: input.title,
      description: input.description ?? null,
      assignees: input.assignees ?? [],
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      clientRequestId: input.clientRequestId ?? null,
    });
    const task = toNormalizedTask(draft, target.context);
    // Under the version rule: the created task's own webhook may have landed first with a newer version.
    await writeTaskVersioned(input.orgId, task);
    await recordWrite(input.orgId, task.id, draft, new Date());
    const result: CreateTaskResult = { taskId: task.id, sourceId: task.externalId, url: task.url };
    return input.clientRequestId ? saveCreateResult(input.orgId, input.clientRequestId, uid, result) : result;
  } catch (error) {
    return toHttpsError(error, { orgId: input.orgId, integrationId: target.integrationId });
  }
}
