import type { AsanaSimulator } from "./asana-simulator";
import { hmacSha256Hex, type SignedDelivery } from "../base/signed-delivery";

/**
 * A delivery of one compact `changed` event for one of the simulator's tasks, as Asana sends it
 * (ids only: the receiver fetches the task), signed in X-Hook-Signature with the hex HMAC-SHA256
 * of the body keyed with the handshake secret. Asana sends no delivery id.
 */
export function asanaTaskChanged(sim: AsanaSimulator, gid: string, field: string, secret: string): SignedDelivery {
  const task = sim.task(gid);
  if (!task) throw new Error(`no Asana task ${gid}`);
  const payload = {
    events: [
      {
        action: "changed",
        change: { action: "changed", field },
        created_at: task.modified_at,
        parent: null,
        resource: { gid: task.gid, resource_type: "task", resource_subtype: "default_task", name: task.name },
        type: "task",
        user: { gid: sim.me.gid, resource_type: "user", name: sim.me.name },
      },
    ],
  };
  const body = Buffer.from(JSON.stringify(payload));
  return { body, headers: { "X-Hook-Signature": hmacSha256Hex(secret, body) } };
}
