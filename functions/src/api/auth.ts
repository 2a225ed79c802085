import { HttpsError, type CallableRequest } from "firebase-functions/https";
import type { MemberRole } from "../domain/org";
import { refs } from "../store/refs";

/** The caller's uid, once their membership of `orgId` (with at least `role`) is confirmed. */
export async function requireMember(request: CallableRequest<unknown>, orgId: string, role: MemberRole = "member"): Promise<string> {
  const uid = request.auth?.uid;
  if (!uid) throw new HttpsError("unauthenticated", "Sign in first.");
  const member = (await refs.member(orgId, uid).get()).data();
  if (!member) throw new HttpsError("permission-denied", "You are not a member of this organization.");
  if (role === "owner" && member.role !== "owner") throw new HttpsError("permission-denied", "Only an owner of this organization may do this.");
  return uid;
}
