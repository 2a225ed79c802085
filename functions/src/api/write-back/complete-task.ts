import type { CallableRequest } from "firebase-functions/https";
import { toNormalizedTask } from "../../domain/normalized-task";
import type { NormalizedTask } from "../../domain/task";
import { writeTaskVersioned } from "../../store/task-version";
import { requireMember } from "../auth";
import { parseCallableData } from "../callable-input";
import { CompleteTaskInputSchema } from "./inputs";
import { toHttpsError } from "./provider-errors";
import { recordWrite } from "../../store/write-ledger";
import { taskTarget } from "./task-target";

export type CompleteTaskResult = { conflict: false; task: NormalizedTask } | { conflict: true; currentState: NormalizedTask };

/**
 * completeTask: done in the provider first, then locally in the same step from the provider's
 * answer (status, completedAt, its updatedAt as the version). A task already done or cancelled
 * there is a conflict: the local copy is corrected to the provider's state and returned.
 */
export async function completeTask(request: CallableRequest<unknown>): Promise<CompleteTaskResult> {
  const input = parseCallableData(CompleteTaskInputSchema, request.data);
  await requireMember(request, input.orgId);
  const { target, ref } = await taskTarget(input.orgId, input.taskId);
  try {
    const result = await target.provider.complete(target.session, ref);
    const draft = result.conflict ? result.currentState : result.task;
    const task = toNormalizedTask(draft, target.context);
    // Under the version rule: a webhook that already brought a newer version keeps it.
    await writeTaskVersioned(input.orgId, task);
    // The provider will echo this change as a webhook; the ledger lets the applier skip it.
    await recordWrite(input.orgId, task.id, draft, new Date());
    return result.conflict ? { conflict: true, currentState: task } : { conflict: false, task };
  } catch (error) {
    return toHttpsError(error, { orgId: input.orgId, integrationId: target.integrationId, taskId: input.taskId });
  }
}
