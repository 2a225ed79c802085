import { PubSub, type Topic } from "@google-cloud/pubsub";
import { TOPICS } from "../config";
import type { SyncRequest } from "./sync-request";

let pubsub: PubSub | undefined;
const topics = new Map<string, Topic>();

/** One batching publisher per topic per instance (honours PUBSUB_EMULATOR_HOST in the emulator). */
export function topic(name: string): Topic {
  pubsub ??= new PubSub();
  let found = topics.get(name);
  if (!found) {
    found = pubsub.topic(name, { batching: { maxMessages: 100, maxMilliseconds: 20 } });
    topics.set(name, found);
  }
  return found;
}

export async function publishSyncRequests(requests: SyncRequest[]): Promise<void> {
  const target = topic(TOPICS.integrationSync);
  await Promise.all(
    requests.map((request) => target.publishMessage({ json: request, attributes: { requestId: request.requestId } })),
  );
}
