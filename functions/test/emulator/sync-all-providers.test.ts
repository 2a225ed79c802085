/**
 * One integration per provider, each pointing at its simulator, synced through the real path
 * (Pub/Sub → fan-out → Cloud Tasks → worker → Firestore): every provider's tasks must land,
 * and an incremental pass must pick up exactly the tasks changed in each simulator.
 */
import type { Account, AuthKind } from "../../src/domain/integration";
import type { ProviderId } from "../../src/domain/provider-id";
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { AsanaSimulator } from "../simulators/asana-simulator";
import { ClickUpSimulator } from "../simulators/clickup-simulator";
import { GitHubSimulator } from "../simulators/github-simulator";
import type { HttpSimulator } from "../simulators/http-simulator";
import { LinearSimulator } from "../simulators/linear-simulator";
import { PlaneSimulator } from "../simulators/plane-simulator";
import { seedIntegration, seedOrg } from "../support/seed";
import { publishSyncRequest, waitForEndedRuns } from "../support/sync-helpers";

/** Limits high enough that the sync never paces itself: this test is about shapes, not limits. */
const FAST = { requestsPerMinute: 10_000 };

const clickup = new ClickUpSimulator({ ...FAST, seed: 21, foldersPerSpace: 1, listsPerFolder: 1, folderlessListsPerSpace: 1, tasksPerList: 120 });
const plane = new PlaneSimulator({ ...FAST, seed: 22, projects: 2, itemsPerProject: 120 });
const asana = new AsanaSimulator({ ...FAST, seed: 23, projectsPerWorkspace: 2, tasksPerProject: 120 });
const linear = new LinearSimulator({ ...FAST, seed: 24, teams: 2, issuesPerTeam: 120 });
const github = new GitHubSimulator();

interface Case {
  provider: ProviderId;
  sim: HttpSimulator;
  /** Runs the full pass makes: one per project. */
  projects: number;
  connection(): { baseUrl: string; token: string; authKind: AuthKind; account: Account };
  /** Every task id the simulator holds, as externalId. */
  externalIds(): string[];
  /** Edits one task in the simulator; returns its externalId. */
  edit(): string;
}

const CASES: Case[] = [
  {
    provider: "clickup",
    sim: clickup,
    projects: 2,
    connection: () => ({ baseUrl: `${clickup.baseUrl}/api/v2`, token: clickup.personalToken, authKind: "personal", account: { id: String(clickup.me.id), name: clickup.me.username, workspaces: clickup.data.teams.map((t) => t.id) } }),
    externalIds: () => clickup.data.tasks.map((t) => t.id),
    edit: () => clickup.update(clickup.data.tasks[3]!.id, { name: "Edited in ClickUp" }).id,
  },
  {
    provider: "plane",
    sim: plane,
    projects: 2,
    connection: () => ({ baseUrl: plane.baseUrl, token: plane.apiKey, authKind: "personal", account: { id: plane.me.id, name: plane.me.display_name, workspaces: [plane.slug] } }),
    externalIds: () => plane.data.items.map((i) => i.id),
    edit: () => plane.update(plane.data.items[3]!.id, { name: "Edited in Plane" }).id,
  },
  {
    provider: "asana",
    sim: asana,
    projects: 2,
    connection: () => ({ baseUrl: `${asana.baseUrl}/api/1.0`, token: asana.token, authKind: "personal", account: { id: asana.me.gid, name: asana.me.name, workspaces: asana.data.workspaces.map((w) => w.gid) } }),
    externalIds: () => asana.data.tasks.map((t) => t.gid),
    edit: () => asana.update(asana.data.tasks[3]!.gid, { name: "Edited in Asana" }).gid,
  },
  {
    provider: "linear",
    sim: linear,
    projects: 2,
    connection: () => ({ baseUrl: linear.baseUrl, token: linear.apiKey, authKind: "personal", account: { id: linear.viewer.id, name: linear.viewer.name, workspaces: [linear.data.organization.id] } }),
    externalIds: () => linear.data.issues.map((i) => i.id),
    edit: () => linear.update(linear.data.issues[3]!.id, { title: "Edited in Linear" }).id,
  },
  {
    provider: "github",
    sim: github,
    projects: 1,
    connection: () => ({ baseUrl: github.baseUrl, token: github.token, authKind: "personal", account: { id: "1", name: "octocat", workspaces: [] } }),
    externalIds: () => github.issuesOf("acme/all").map((i) => String(i.id)),
    edit: () => {
      const issue = github.issuesOf("acme/all")[3]!;
      github.update(issue, { title: "Edited in GitHub" }, new Date());
      return String(issue.id);
    },
  },
];

async function liveTasks(orgId: string, integrationId: string): Promise<NormalizedTask[]> {
  const snapshot = await refs.tasks(orgId).where("integrationId", "==", integrationId).get();
  return snapshot.docs.map((doc) => doc.data()).filter((task) => !task.deleted);
}

describe("a full and an incremental sync of all five providers against their simulators", () => {
  let orgId: string;
  const integrations = new Map<ProviderId, string>();

  beforeAll(async () => {
    await Promise.all(CASES.map((c) => c.sim.start()));
    github.addRepo("acme/all");
    github.addIssues("acme/all", 120, new Date(Date.now() - 3 * 24 * 3600 * 1000));
    orgId = await seedOrg("owner-all");
    for (const c of CASES) integrations.set(c.provider, await seedIntegration({ orgId, provider: c.provider, ...c.connection() }));
  });

  afterAll(() => Promise.all(CASES.map((c) => c.sim.stop())));

  it("lands every provider's tasks", async () => {
    const since = new Date();
    for (const c of CASES) {
      await publishSyncRequest({ orgId, integrationId: integrations.get(c.provider)!, trigger: "initial", mode: "full", requestId: `all-full-${c.provider}` });
    }
    for (const c of CASES) {
      const integrationId = integrations.get(c.provider)!;
      const runs = await waitForEndedRuns(orgId, integrationId, since, c.projects, 90_000);
      expect(runs.map((run) => [c.provider, run.status])).toEqual(runs.map(() => [c.provider, "completed"]));
      const tasks = await liveTasks(orgId, integrationId);
      expect(tasks.map((t) => t.externalId).sort()).toEqual(c.externalIds().sort());
      expect(tasks.every((t) => t.id === `${c.provider}:${t.externalId}` && t.provider === c.provider)).toBe(true);
    }
  });

  it("picks up each provider's edited task on an incremental pass", async () => {
    const edited = new Map(CASES.map((c) => [c.provider, c.edit()]));
    const since = new Date();
    for (const c of CASES) {
      await publishSyncRequest({ orgId, integrationId: integrations.get(c.provider)!, trigger: "manual", mode: "incremental", requestId: `all-incremental-${c.provider}` });
    }
    for (const c of CASES) {
      const integrationId = integrations.get(c.provider)!;
      const runs = await waitForEndedRuns(orgId, integrationId, since, c.projects, 90_000);
      expect(runs.every((run) => run.status === "completed")).toBe(true);
      const stored = (await refs.task(orgId, `${c.provider}:${edited.get(c.provider)!}`).get()).data()!;
      expect(stored.title).toMatch(/^Edited in /);
    }
  });
});
