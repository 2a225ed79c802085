/**
 * ClickUp and Linear webhook registration through the `registerWebhooks` callable, against their
 * simulators' registration APIs (ClickUp: POST /team/{team_id}/webhook, which returns the secret
 * it generated; Linear: the webhookCreate mutation, with a secret we choose), then their deletion
 * through the `disconnectIntegration` callable. Each test has its own org and integration.
 */
import { randomUUID } from "node:crypto";
import { SUBSCRIBED_EVENTS } from "../../src/providers/clickup/webhook";
import { loadCredentials } from "../../src/credentials/credential-store";
import { refs } from "../../src/store/refs";
import { localKeyring, seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, clickupConnection, ClickUpSimulator, clickupTaskUpdated, FUNCTIONS_URL, linearConnection, linearIssueUpdated, LinearSimulator, signUp } from "@taskbridge/simulators";
import { postWebhook } from "../support/webhooks";

const FAST = { requestsPerMinute: 10_000 };
const clickup = new ClickUpSimulator({ ...FAST, seed: 71, teams: 2, spacesPerTeam: 1, foldersPerSpace: 1, listsPerFolder: 1, folderlessListsPerSpace: 0, tasksPerList: 2 });
const linear = new LinearSimulator({ ...FAST, seed: 72, teams: 2, issuesPerTeam: 2 });
let owner: { uid: string; idToken: string };

beforeAll(async () => {
  await Promise.all([clickup.start(), linear.start()]);
  owner = await signUp(`hooks-owner-${randomUUID()}@example.com`);
});
afterAll(() => Promise.all([clickup.stop(), linear.stop()]));

function disconnect(orgId: string, integrationId: string) {
  return callCallable("disconnectIntegration", { orgId, integrationId }, owner.idToken);
}

it("ClickUp: one team webhook per Workspace with ClickUp's secret, accepted deliveries, then deleted by disconnect", async () => {
  const orgId = await seedOrg(owner.uid);
  const teams = clickup.data.teams.map((team) => team.id);
  const integrationId = await seedIntegration({ orgId, provider: "clickup", ...clickupConnection(clickup) });
  const url = `${FUNCTIONS_URL}/webhooks/clickup/${integrationId}`;

  const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
  expect(res.result).toEqual({ mode: "api", url, created: 2, registered: 2 });
  expect(clickup.webhooks.map((hook) => [String(hook.team_id), hook.endpoint, hook.events])).toEqual(teams.map((team) => [team, url, [...SUBSCRIBED_EVENTS]]));
  const credentials = await loadCredentials(integrationId, localKeyring());
  expect(credentials.webhooks).toEqual(clickup.webhooks.map((hook) => ({ id: hook.id, scope: String(hook.team_id), secret: hook.secret })));
  expect(JSON.stringify((await refs.credentials(integrationId).get()).data())).not.toContain(clickup.webhooks[0]!.secret);

  const delivery = clickupTaskUpdated(clickup, clickup.data.tasks[0]!.id, "name", clickup.webhooks[1]!.secret);
  expect((await postWebhook(`clickup/${integrationId}`, delivery.body, delivery.headers)).body).toEqual({ status: "accepted" });

  const clickupHookPaths = clickup.webhooks.map((hook) => `/api/v2/webhook/${hook.id}`);
  const gone = await disconnect(orgId, integrationId);
  expect(gone.result).toMatchObject({ webhooksDeleted: true });
  expect(clickup.webhooks).toEqual([]);
  expect(clickup.requests.filter((r) => r.method === "DELETE").map((r) => r.path).sort()).toEqual(clickupHookPaths.sort());
});

it("Linear: one webhook per team signed with our secret, accepted deliveries, then deleted by disconnect", async () => {
  const orgId = await seedOrg(owner.uid);
  const integrationId = await seedIntegration({ orgId, provider: "linear", ...linearConnection(linear) });
  const url = `${FUNCTIONS_URL}/webhooks/linear/${integrationId}`;

  const res = await callCallable("registerWebhooks", { orgId, integrationId }, owner.idToken);
  expect(res.result).toEqual({ mode: "api", url, created: 2, registered: 2 });
  expect(linear.webhooks.map((hook) => [hook.teamId, hook.url, hook.resourceTypes, hook.label]).sort()).toEqual(
    linear.data.teams.map((team) => [team.id, url, ["Issue", "Comment"], "taskbridge"]).sort(),
  );
  const secret = linear.webhooks[0]!.secret;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  expect(linear.webhooks.every((hook) => hook.secret === secret)).toBe(true);
  const credentials = await loadCredentials(integrationId, localKeyring());
  expect((credentials.webhooks ?? []).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    linear.webhooks.map((hook) => ({ id: hook.id, scope: hook.teamId, secret })).sort((a, b) => a.id.localeCompare(b.id)),
  );

  const delivery = linearIssueUpdated(linear, linear.data.issues[0]!.id, linear.webhooks[0]!.id, secret);
  expect((await postWebhook(`linear/${integrationId}`, delivery.body, delivery.headers)).body).toEqual({ status: "accepted" });

  const gone = await disconnect(orgId, integrationId);
  expect(gone.result).toMatchObject({ webhooksDeleted: true });
  expect(linear.webhooks).toEqual([]);
});
