import type { AuthKind } from "../../domain/integration";

/** A personal token (pk_…) goes raw in Authorization; an OAuth token as Bearer (CU-docs authentication). */
export function clickupAuthHeaders(token: string, kind: AuthKind): Record<string, string> {
  return { Authorization: kind === "personal" ? token : `Bearer ${token}` };
}
