/**
 * reconcile(), the body of the hourly reconcileSchedule, called as the scheduler would call it
 * (the emulator never fires schedules): exactly one integration-sync message per connected
 * integration, this hour's request id, full or incremental by the last full pass, and none for an
 * integration that is disconnected or needs reauth. The messages are read back from a
 * subscription on the Pub/Sub emulator, so what counts is what was really published.
 */
import { randomUUID } from "node:crypto";
import { PubSub, type v1 } from "@google-cloud/pubsub";
import { TOPICS } from "../../src/config";
import type { IntegrationStatus } from "../../src/domain/integration";
import { refs } from "../../src/store/refs";
import { reconcile } from "../../src/sync/reconcile";
import { scheduledRequestId } from "../../src/sync/sync-request";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { GitHubSimulator, PROJECT_ID } from "@taskbridge/simulators";

const pubsub = new PubSub({ projectId: PROJECT_ID });
// A simulator with no repositories: the fan-outs these messages start find nothing to sync.
const sim = new GitHubSimulator();

beforeAll(() => sim.start());
afterAll(() => sim.stop());

async function integrationWith(orgId: string, status: IntegrationStatus, lastFullSyncAt: Date | null = null): Promise<string> {
  const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
  const ref = refs.integration(orgId, integrationId);
  const integration = (await ref.get()).data()!;
  await ref.set({ ...integration, status, syncState: { ...integration.syncState, lastFullSyncAt } });
  return integrationId;
}

/**
 * Every message on the subscription: synchronous pulls that return at once, until one comes back
 * empty. reconcile() resolves only after the emulator acknowledged each publish, so by then every
 * message it published is on the subscription; nothing needs a quiet period to show there is no other.
 */
async function drain(subscriptionName: string): Promise<unknown[]> {
  const subscriber = (await pubsub.getClientAsync_({ client: "SubscriberClient" })) as unknown as v1.SubscriberClient;
  const subscription = pubsub.subscription(subscriptionName).name;
  const received: unknown[] = [];
  for (;;) {
    const [response] = await subscriber.pull({ subscription, maxMessages: 1000, returnImmediately: true });
    const messages = response.receivedMessages ?? [];
    if (messages.length === 0) return received;
    for (const { message } of messages) received.push(JSON.parse(Buffer.from(message!.data as Uint8Array).toString("utf8")));
    await subscriber.acknowledge({ subscription, ackIds: messages.map((m) => m.ackId!) });
  }
}

it("publishes one message per connected integration and none for a disconnected or needs_reauth one", async () => {
  const subscriptionName = `reconcile-test-${randomUUID()}`;
  await pubsub.topic(TOPICS.integrationSync).createSubscription(subscriptionName);
  const orgId = await seedOrg(`owner-${randomUUID().slice(0, 8)}`);
  const now = new Date();
  const neverSynced = await integrationWith(orgId, "connected");
  const fullAnHourAgo = await integrationWith(orgId, "connected", new Date(now.getTime() - 3600_000));
  await integrationWith(orgId, "disconnected");
  await integrationWith(orgId, "needs_reauth");

  const returned = await reconcile(now);

  const published = (await drain(subscriptionName)).filter((message) => (message as { orgId?: string }).orgId === orgId);
  const expected = [
    { orgId, integrationId: neverSynced, trigger: "scheduled", mode: "full", requestId: scheduledRequestId(now) },
    { orgId, integrationId: fullAnHourAgo, trigger: "scheduled", mode: "incremental", requestId: scheduledRequestId(now) },
  ];
  const byIntegration = (a: unknown, b: unknown) => (a as { integrationId: string }).integrationId.localeCompare((b as { integrationId: string }).integrationId);
  expect(published.sort(byIntegration)).toEqual(expected.sort(byIntegration));
  expect(returned.filter((request) => request.orgId === orgId).sort(byIntegration)).toEqual(expected);
  await pubsub.subscription(subscriptionName).delete();
});
