import { Timestamp } from "firebase-admin/firestore";
import { isAlreadyExists } from "./db";
import { refs } from "./refs";

/*
 * createRequests/{org:clientRequestId}: createTask's answer for one clientRequestId, so a retried
 * create returns it instead of creating twice. What the answer is and how long it is kept are
 * api/write-back/create-requests.ts's.
 */

/** The stored answer's `result` field as stored (unchecked), or undefined. */
export async function readCreateRequestResult(orgId: string, clientRequestId: string): Promise<unknown> {
  return (await refs.createRequest(orgId, clientRequestId).get()).get("result");
}

/** Records the answer unless one is recorded already (then false: the first record wins). */
export async function recordCreateRequest(orgId: string, clientRequestId: string, record: { result: object; uid: string; expireAt: Date }): Promise<boolean> {
  try {
    await refs.createRequest(orgId, clientRequestId).create({ result: record.result, uid: record.uid, expireAt: Timestamp.fromDate(record.expireAt) });
    return true;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return false;
  }
}
