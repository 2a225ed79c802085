import type { BulkWriter } from "firebase-admin/firestore";
import { db } from "./db";

/**
 * Runs writes through one BulkWriter (parallel, batched, retried on contention) and fails if any
 * write failed in the end. BulkWriter is not atomic: callers rely on idempotent writes instead.
 */
export async function bulkWrite(enqueue: (writer: BulkWriter) => Array<Promise<unknown>>): Promise<number> {
  const writer = db().bulkWriter();
  // Settle-tracking is attached before anything can reject, so no failure goes unhandled.
  const settled = Promise.allSettled(enqueue(writer));
  await writer.close();
  const results = await settled;
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.length;
}
