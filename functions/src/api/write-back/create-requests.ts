import { z } from "zod";
import { readCreateRequestResult, recordCreateRequest } from "../../store/create-requests";

export interface CreateTaskResult {
  taskId: string;
  sourceId: string;
  url: string | null;
}

const StoredResultSchema = z.object({ taskId: z.string(), sourceId: z.string(), url: z.string().nullable() });
/** Long enough to cover any client retry; the TTL policy and cleanup remove them afterwards. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/** The result of an earlier createTask with this clientRequestId, if there was one. */
export async function findCreateResult(orgId: string, clientRequestId: string): Promise<CreateTaskResult | null> {
  const parsed = StoredResultSchema.safeParse(await readCreateRequestResult(orgId, clientRequestId));
  return parsed.success ? parsed.data : null;
}

/**
 * Records a create's result under its clientRequestId. If two identical requests raced, the first
 * record wins and both callers get it.
 */
export async function saveCreateResult(orgId: string, clientRequestId: string, uid: string, result: CreateTaskResult): Promise<CreateTaskResult> {
  if (await recordCreateRequest(orgId, clientRequestId, { result, uid, expireAt: new Date(Date.now() + KEEP_MS) })) return result;
  return (await findCreateResult(orgId, clientRequestId)) ?? result;
}
