import { randomUUID } from "node:crypto";
import type { PlaneSimulator } from "./plane-simulator";
import { pythonJsonDumps } from "./python-json";
import { hmacSha256Hex, type SignedDelivery } from "../base/signed-delivery";

/** Python's None as Plane's v2 model dump writes it. */
const none = (value: string | null): string => value ?? "None";

/**
 * A v2 `WORK_ITEM_UPDATED` delivery for one of the simulator's work items, as Plane cloud sends it:
 * a stable event_id, the item's model dump in `data` (None as "None"), serialised the way
 * Python's json.dumps does, X-Plane-Event, a new X-Plane-Delivery per attempt, and
 * X-Plane-Signature = bare hex HMAC-SHA256 of those bytes.
 */
export function planeWorkItemUpdated(sim: PlaneSimulator, itemId: string, secret: string): SignedDelivery {
  const item = sim.item(itemId);
  if (!item) throw new Error(`no Plane work item ${itemId}`);
  const workspaceId = `workspace-${sim.slug}`;
  const payload = {
    version: "v2",
    delivery_id: randomUUID(),
    event_id: randomUUID(),
    entity_id: item.id,
    entity_type: "issue",
    event: "WebhookScope.ScopeChoices.WORK_ITEM_UPDATED",
    webhook_id: randomUUID(),
    workspace_id: workspaceId,
    data: {
      id: item.id,
      name: item.name,
      priority: item.priority,
      state_id: item.state,
      label_ids: item.labels,
      parent_id: none(item.parent),
      created_at: item.created_at,
      project_id: item.project,
      sequence_id: item.sequence_id,
      start_date: none(item.start_date),
      target_date: none(item.target_date),
      updated_at: item.updated_at,
      assignee_ids: item.assignees,
      completed_at: none(item.completed_at),
      workspace_id: workspaceId,
      external_id: none(item.external_id),
      external_source: none(item.external_source),
    },
    previous_attributes: {},
  };
  const body = Buffer.from(pythonJsonDumps(payload));
  return {
    body,
    headers: { "X-Plane-Event": "issue", "X-Plane-Delivery": randomUUID(), "X-Plane-Signature": hmacSha256Hex(secret, body) },
  };
}
