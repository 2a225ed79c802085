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
  const team = sim.data.teams.find((t) => t.id === issue.teamId)!;
  const state = sim.stateOf(issue);
  const assignee = sim.data.users.find((u) => u.id === issue.assigneeId) ?? null;
  const identifier = `${team.key}-${issue.number}`;
  const payload = {
    action: "update",
    actor: { id: sim.viewer.id, type: "user", name: sim.viewer.name },
    createdAt: new Date(now).toISOString(),
    data: {
      id: issue.id,
      identifier,
      number: issue.number,
      title: issue.title,
      description: issue.description,
      url: `https://linear.app/${sim.data.organization.urlKey}/issue/${identifier}`,
      priority: issue.priority,
      estimate: issue.estimate,
      dueDate: issue.dueDate,
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      startedAt: issue.startedAt,
      completedAt: issue.completedAt,
      canceledAt: issue.canceledAt,
      archivedAt: issue.archivedAt,
      trashed: issue.trashed ? true : null,
      teamId: issue.teamId,
      stateId: state.id,
      state: { id: state.id, name: state.name, type: state.type },
      assigneeId: assignee?.id ?? null,
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      labelIds: [],
      labels: issue.labels.map((name) => ({ id: `label-${name}`, name })),
      parentId: issue.parentId,
    },
    updatedFrom: { updatedAt: issue.updatedAt },
    url: `https://linear.app/${sim.data.organization.urlKey}/issue/${identifier}`,
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
