import { createHash } from "node:crypto";

/**
 * IssueCreateInput.id takes a UUID v4 ("if none is provided, the backend will generate one").
 * Deriving it from the request's idempotency key makes a repeated create collide with the first
 * instead of making a second issue. The hash is shaped as v4 (version and variant bits set) so
 * Linear's validation accepts it; the namespace keeps it from matching ids derived elsewhere.
 */
export function issueIdForRequest(clientRequestId: string): string {
  const bytes = createHash("sha256").update(`taskbridge:linear:issueCreate:${clientRequestId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
