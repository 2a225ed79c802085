/**
 * The sandbox that `npm start` runs (sandbox/), on the emulators: its seeding connects a demo org
 * to every provider simulator through the real connectWithToken callable, the initial syncs land
 * every simulated task, and each simulator's signed webhook for a task it changed is accepted and
 * applied.
 */
import { randomUUID } from "node:crypto";
import { ChangeFeed } from "../../../sandbox/change-feed";
import { seedDemoOrg, type DemoOrg } from "../../../sandbox/seed-demo";
import { SIMULATOR_PORTS } from "../../../sandbox/settings";
import type { ProviderId } from "../../src/domain/provider-id";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { waitFor } from "@taskbridge/emulator-support";
import { providerCases, startCases } from "@taskbridge/simulators";
import { integrationsOf } from "../support/oauth";

const TASKS_PER_PROJECT = 4;
const cases = providerCases(TASKS_PER_PROJECT, 90);
let demo: DemoOrg;

beforeAll(async () => {
  // The sandbox's own ports: the demo project's PROVIDER_BASE_URL_ALLOWLIST lists exactly those.
  await startCases(cases, TASKS_PER_PROJECT, SIMULATOR_PORTS);
  demo = await seedDemoOrg({
    firestore: db(),
    cases,
    email: `sandbox-${randomUUID().slice(0, 8)}@example.com`,
    password: "sandbox-password",
    orgId: `org-sandbox-${randomUUID().slice(0, 8)}`,
    orgName: "Sandbox test org",
  });
});
afterAll(() => Promise.all(cases.map((c) => c.sim.stop())));

it("makes the demo user the org's owner and connects one integration per provider, to its simulator", async () => {
  expect((await refs.member(demo.orgId, demo.uid).get()).data()).toEqual({ role: "owner" });
  const integrations = await integrationsOf(demo.orgId);
  expect(integrations.map((i) => [i.provider, i.status, i.authKind, i.baseUrl]).sort()).toEqual(
    cases.map((c) => [c.provider, "connected", "personal", c.connection().baseUrl]).sort(),
  );
});

it("lands every simulated task in the demo org through the initial syncs the connects requested", async () => {
  const expected = cases.flatMap((c) => c.externalIds().map((id) => `${c.provider}:${id}`)).sort();
  const stored = await waitFor(
    "every simulated task in the demo org",
    async () => {
      const ids = (await db().collection(`orgs/${demo.orgId}/tasks`).get()).docs.map((doc) => doc.id).sort();
      return ids.length >= expected.length ? ids : undefined;
    },
    90_000,
  );
  expect(stored).toEqual(expected);
  // The run trigger's counts follow: each integration's task count is its simulator's, none still active.
  const expectedCounts = cases.map((c) => [c.provider, c.externalIds().length, "idle"]).sort();
  await waitFor("each integration's syncState to count its tasks", async () => {
    const counts = (await integrationsOf(demo.orgId)).map((i) => [i.provider, i.syncState.taskCount, i.syncState.status]).sort();
    return JSON.stringify(counts) === JSON.stringify(expectedCounts) ? true : undefined;
  });
  // The org's counts are the sum of every run event's delta, and those events are delivered in no
  // order: an integration can read idle (recomputed from the runs) while an earlier event's delta
  // is still on its way, so wait for the counts to settle at zero (stuck counts still time out).
  const settled = await waitFor("the org's running and pending counts back to zero", async () => {
    const stats = (await refs.syncStats(demo.orgId).get()).data();
    return stats?.pending === 0 && stats.running === 0 ? stats : undefined;
  });
  expect(settled).toMatchObject({ pending: 0, running: 0 });
});

it.each(["github", "clickup", "plane", "asana", "linear"] as ProviderId[])("applies the %s simulator's signed webhook for a task it changed", async (provider) => {
  const feed = new ChangeFeed(demo.integrations.filter((i) => i.provider === provider));
  const change = await feed.step(1);
  expect({ status: change.status, answer: JSON.parse(change.answer) as unknown }).toEqual({ status: 200, answer: { status: "accepted" } });
  await waitFor(`the ${provider} task renamed`, async () => {
    const task = (await db().doc(`orgs/${demo.orgId}/tasks/${provider}:${change.externalId}`).get()).data();
    return task?.title === change.title ? true : undefined;
  });
  const deliveries = await db().collection("webhookDeliveries").where("integrationId", "==", change.integrationId).get();
  expect(deliveries.docs.map((d) => d.data().processed)).toContain(true);
});
