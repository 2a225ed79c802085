import { randomUUID } from "node:crypto";
import type { ClickUpSimulator } from "./clickup-simulator";
import { hmacSha256Hex, type SignedDelivery } from "../base/signed-delivery";

/**
 * A `taskUpdated` delivery for one of the simulator's tasks, as ClickUp sends it: the task id and
 * one history item (unique id, Unix-ms date as a string, the List as parent_id), signed in
 * X-Signature with the bare hex HMAC-SHA256 of the body. ClickUp sends no delivery header.
 */
export function clickupTaskUpdated(sim: ClickUpSimulator, taskId: string, field: string, secret: string): SignedDelivery {
  const task = sim.task(taskId);
  if (!task) throw new Error(`no ClickUp task ${taskId}`);
  const payload = {
    event: "taskUpdated",
    history_items: [
      {
        id: randomUUID().replace(/-/g, ""),
        type: 1,
        date: String(task.dateUpdated),
        field,
        parent_id: task.listId,
        data: {},
        source: null,
        user: { id: sim.me.id, username: sim.me.username, email: sim.me.email, color: "#7b68ee", initials: sim.me.username.slice(0, 1), profilePicture: null },
        before: null,
        after: null,
      },
    ],
    task_id: task.id,
    webhook_id: randomUUID(),
  };
  const body = Buffer.from(JSON.stringify(payload));
  return { body, headers: { "X-Signature": hmacSha256Hex(secret, body) } };
}
