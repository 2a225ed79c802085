import { PubSub, type Topic } from "@google-cloud/pubsub";
import { TOPICS } from "../config";
import type { SyncRequest } from "./sync-request";

let pubsub: PubSub | undefined;
const topics = new Map<string, Topic>();

/**
 * One batching publisher per topic per instance (honours PUBSUB_EMULATOR_HOST in the emulator).
 * `maxDelayMs` is how long a message may wait for others to batch with; a request that answers
 * only once its message is sent (the webhooks endpoint) passes 0.
 */
export function topic(name: string, maxDelayMs = 20): Topic {
  pubsub ??= new PubSub();
  const key = `${name}:${maxDelayMs}`;
  let found = topics.get(key);
  if (!found) {
    found = pubsub.topic(name, { batching: { maxMessages: 100, maxMilliseconds: maxDelayMs } });
    topics.set(key, found);
  }
  return found;
}

export async function publishSyncRequests(requests: SyncRequest[]): Promise<void> {
  const target = topic(TOPICS.integrationSync);
  await Promise.all(
    requests.map((request) => target.publishMessage({ json: request, attributes: { requestId: request.requestId } })),
  );
}
