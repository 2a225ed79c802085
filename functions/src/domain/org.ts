import { z } from "zod";

export const OrgSchema = z.object({ name: z.string().min(1) });
export type Org = z.infer<typeof OrgSchema>;

export const MemberRoleSchema = z.enum(["owner", "member"]);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/** orgs/{orgId}/members/{uid}: the source of truth for who may read an org's data. */
export const MemberSchema = z.object({ role: MemberRoleSchema });
export type Member = z.infer<typeof MemberSchema>;
