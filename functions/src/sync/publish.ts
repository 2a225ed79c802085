import type { PubSub, Topic } from "@google-cloud/pubsub";
import { TOPICS } from "../config";
import type { SyncRequest } from "./sync-request";

let pubsub: Promise<PubSub> | undefined;
const topics = new Map<string, Topic>();

/**
 * The client is loaded on the first publish, not at module load: requiring @google-cloud/pubsub
 * takes about 0.2 s, and instances that load this module may never publish: the webhook
 * endpoint's (its room also holds the applier) never does, and the applier publishes only for a
 * project it has not stored yet. So only the first publish pays for it (docs/performance.md, cold starts).
 */
function client(): Promise<PubSub> {
  pubsub ??= import("@google-cloud/pubsub").then(({ PubSub }) => new PubSub());
  return pubsub;
}

/**
 * One batching publisher per topic per instance (honours PUBSUB_EMULATOR_HOST in the emulator):
 * a message waits up to 20 ms for others to batch with.
 */
async function topic(name: string): Promise<Topic> {
  const pubsubClient = await client();
  // Looked up after the await, so two first publishes share one publisher.
  let found = topics.get(name);
  if (!found) {
    found = pubsubClient.topic(name, { batching: { maxMessages: 100, maxMilliseconds: 20 } });
    topics.set(name, found);
  }
  return found;
}

export async function publishSyncRequests(requests: SyncRequest[]): Promise<void> {
  const target = await topic(TOPICS.integrationSync);
  await Promise.all(
    requests.map((request) => target.publishMessage({ json: request, attributes: { requestId: request.requestId } })),
  );
}
