import type { CallableRequest } from "firebase-functions/https";
import { requireMember } from "../auth";
import { parseCallableData } from "../callable-input";
import { CommentOnTaskInputSchema } from "./inputs";
import { toHttpsError } from "./provider-errors";
import { taskTarget } from "./task-target";

/**
 * commentOnTask: posts the comment in the provider and returns the provider's comment id. A
 * comment changes no task field, so there is no task version to put in the write ledger; the
 * applier treats comment events as carrying no version anyway.
 */
export async function commentOnTask(request: CallableRequest<unknown>): Promise<{ commentId: string }> {
  const input = parseCallableData(CommentOnTaskInputSchema, request.data);
  await requireMember(request, input.orgId);
  const { target, ref } = await taskTarget(input.orgId, input.taskId);
  try {
    const { commentId } = await target.provider.comment(target.session, ref, input.text);
    return { commentId };
  } catch (error) {
    return toHttpsError(error, { orgId: input.orgId, integrationId: target.integrationId, taskId: input.taskId });
  }
}
