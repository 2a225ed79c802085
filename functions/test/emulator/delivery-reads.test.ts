/**
 * DeliveryReads (webhooks/delivery-reads.ts) on the Firestore emulator: one getAll of the
 * delivery, the integration and the tasks and projects a delivery's events name, and a fresh
 * read of a task once an earlier event of the same delivery may have written it.
 */
import { randomUUID } from "node:crypto";
import { taskDocId, toNormalizedTask } from "../../src/domain/normalized-task";
import type { TaskDraft } from "../../src/domain/task";
import type { WebhookEvent } from "../../src/providers/provider";
import { db } from "../../src/store/db";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { DeliveryReads } from "../../src/webhooks/delivery-reads";
import type { WebhookEventsMessage } from "../../src/webhooks/event-message";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";

const draft = (externalId: string, title: string): TaskDraft => ({
  externalId,
  providerRef: `acme/reads#${externalId}`,
  title,
  description: null,
  url: null,
  status: "todo",
  providerStatus: "open",
  assignees: [],
  labels: [],
  priority: null,
  createdAt: null,
  updatedAt: new Date("2026-06-01T12:00:00Z"),
  startAt: null,
  dueAt: null,
  completedAt: null,
  timeSpentMinutes: null,
  timeEstimateMinutes: null,
  estimatePoints: null,
  parentExternalId: null,
});

const event = (externalId: string, projectExternalId: string | null): WebhookEvent => ({
  eventType: "issues.edited",
  action: "upsert",
  externalId,
  providerRef: null,
  projectExternalId,
  updatedAt: null,
  task: null,
});

describe("the reads of applying one delivery", () => {
  let orgId: string;
  let integrationId: string;
  const projectId = projectDocId("501");

  beforeAll(async () => {
    orgId = await seedOrg("owner-reads");
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: ["s"] });
    await refs.project(orgId, integrationId, projectId).set({
      provider: "github",
      integrationId,
      externalId: "501",
      name: "acme/reads",
      url: null,
      providerRef: "acme/reads",
      watermark: null,
      lastFullSyncAt: null,
      updatedAt: new Date(),
    });
  });

  const context = () => ({ provider: "github" as const, integrationId, projectId, projectName: "acme/reads" });
  const message = (events: WebhookEvent[]): WebhookEventsMessage => ({ orgId, integrationId, provider: "github", deliveryId: randomUUID(), events });

  it("holds the delivery, the integration, the named tasks (stored or not) and the named project", async () => {
    await refs.task(orgId, taskDocId("github", "1")).set(toNormalizedTask(draft("1", "Stored"), context()));
    const deliveryRef = db().doc(`webhookDeliveries/reads-${randomUUID()}`);
    await deliveryRef.set({ processed: false });

    const reads = await DeliveryReads.fetch(deliveryRef, message([event("1", "501"), event("2", "501"), event("1", "501")]));
    expect(reads.delivery.get("processed")).toBe(false);
    expect(reads.delivery.updateTime).toBeDefined();
    expect(reads.integration).toMatchObject({ provider: "github", status: "connected" });
    expect(await reads.task(taskDocId("github", "1"))).toMatchObject({ title: "Stored" });
    expect(await reads.task(taskDocId("github", "2"))).toBeUndefined();
    expect(await reads.project(projectId)).toMatchObject({ name: "acme/reads" });
    expect(await reads.project(projectDocId("999"))).toBeUndefined();
  });

  it("reads a task again once an event of the delivery may have written it, and not before", async () => {
    const taskId = taskDocId("github", "3");
    await refs.task(orgId, taskId).set(toNormalizedTask(draft("3", "Before"), context()));
    const deliveryRef = db().doc(`webhookDeliveries/reads-${randomUUID()}`);
    await deliveryRef.set({ processed: false });
    const reads = await DeliveryReads.fetch(deliveryRef, message([event("3", null)]));

    await refs.task(orgId, taskId).set(toNormalizedTask(draft("3", "Written by an earlier event"), context()));
    expect(await reads.task(taskId)).toMatchObject({ title: "Before" });
    reads.taskMayHaveChanged(taskId);
    expect(await reads.task(taskId)).toMatchObject({ title: "Written by an earlier event" });
  });

  it("fetches the delivery as it is now, not as its creation event saw it", async () => {
    const deliveryRef = db().doc(`webhookDeliveries/reads-${randomUUID()}`);
    await deliveryRef.set({ processed: false });
    await deliveryRef.update({ processed: true });
    const reads = await DeliveryReads.fetch(deliveryRef, message([]));
    expect(reads.delivery.get("processed")).toBe(true);
  });
});
