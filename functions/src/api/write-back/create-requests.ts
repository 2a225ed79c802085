import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { isAlreadyExists } from "../../store/db";
import { refs } from "../../store/refs";

export interface CreateTaskResult {
  taskId: string;
  sourceId: string;
  url: string | null;
}

const StoredResultSchema = z.object({ taskId: z.string(), sourceId: z.string(), url: z.string().nullable() });
/** Long enough to cover any client retry; the TTL policy and cleanup remove them afterwards. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

function requestRef(orgId: string, clientRequestId: string) {
  return refs.createRequest(orgId, clientRequestId);
}

/** The result of an earlier createTask with this clientRequestId, if there was one. */
export async function findCreateResult(orgId: string, clientRequestId: string): Promise<CreateTaskResult | null> {
  const snapshot = await requestRef(orgId, clientRequestId).get();
  const parsed = StoredResultSchema.safeParse(snapshot.get("result"));
  return parsed.success ? parsed.data : null;
}

/**
 * Records a create's result under its clientRequestId. If two identical requests raced, the first
 * record wins and both callers get it.
 */
export async function saveCreateResult(orgId: string, clientRequestId: string, uid: string, result: CreateTaskResult): Promise<CreateTaskResult> {
  try {
    await requestRef(orgId, clientRequestId).create({ result, uid, expireAt: Timestamp.fromMillis(Date.now() + KEEP_MS) });
    return result;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return (await findCreateResult(orgId, clientRequestId)) ?? result;
  }
}
