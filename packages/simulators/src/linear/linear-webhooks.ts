import { randomUUID } from "node:crypto";
import type { LinearSimulator } from "./linear-simulator";
import { hmacSha256Hex, type SignedDelivery } from "../base/signed-delivery";

/**
 * An Issue `update` delivery for one of the simulator's issues, as Linear sends it: the issue's
 * IssueWebhookPayload in `data`, `webhookTimestamp` (ms, now: receivers refuse one over 60 s
 * old), Linear-Event, a UUID in Linear-Delivery, and Linear-Signature = bare hex HMAC-SHA256 of
 * the body.
 */
export function linearIssueUpdated(sim: LinearSimulator, issueId: string, webhookId: string, secret: string, now = Date.now()): SignedDelivery {
  const issue = sim.issue(issueId);
  if (!issue) throw new Error(`no Linear issue ${issueId}`);
  const fields = sim.sharedIssueFields(issue);
  const payload = {
    action: "update",
    actor: { id: sim.viewer.id, type: "user", name: sim.viewer.name },
    createdAt: new Date(now).toISOString(),
    data: {
      ...fields,
      trashed: issue.trashed ? true : null,
      teamId: issue.teamId,
      stateId: fields.state.id,
      assigneeId: fields.assignee?.id ?? null,
      labelIds: [],
      labels: issue.labels.map((name) => ({ id: `label-${name}`, name })),
      parentId: issue.parentId,
    },
    updatedFrom: { updatedAt: issue.updatedAt },
    url: fields.url,
    type: "Issue",
    organizationId: sim.data.organization.id,
    webhookId,
    webhookTimestamp: now,
  };
  const body = Buffer.from(JSON.stringify(payload));
  return {
    body,
    headers: { "Linear-Event": "Issue", "Linear-Delivery": randomUUID(), "Linear-Signature": hmacSha256Hex(secret, body) },
  };
}
