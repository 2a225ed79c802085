import type { AuthKind } from "../../domain/integration";

/** Asana takes every credential (OAuth access token, personal access token) as Bearer. */
export function asanaAuthHeaders(token: string, _kind: AuthKind): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
