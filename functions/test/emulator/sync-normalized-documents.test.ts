/**
 * The normalized task document end to end (publish → fan-out → Cloud Tasks → worker →
 * Firestore) for the providers whose tasks carry time tracked, time estimates and points:
 * ClickUp and Linear. Every field of the stored document is asserted, from values set in the
 * simulator and converted here by the providers' documented units (ClickUp times in ms, Linear
 * estimates in points), not only the nulls GitHub gives.
 */
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { publishSyncRequest, seedIntegration, seedOrg, waitForEndedRuns } from "@taskbridge/emulator-support";
import { clickupConnection, ClickUpSimulator, linearConnection, LinearSimulator } from "@taskbridge/simulators";

const FAST = { requestsPerMinute: 10_000 };
const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

async function syncAndRead(orgId: string, integrationId: string, projects: number, taskId: string): Promise<NormalizedTask> {
  const since = new Date();
  await publishSyncRequest({ orgId, integrationId, trigger: "initial", mode: "full", requestId: `normalized-${integrationId}` });
  const runs = await waitForEndedRuns(orgId, integrationId, since, projects);
  expect(runs.map((run) => run.status)).toEqual(runs.map(() => "completed"));
  return (await refs.task(orgId, taskId).get()).data()!;
}

async function projectOf(orgId: string, integrationId: string, externalId: string): Promise<{ id: string; name: string }> {
  const projects = await refs.projects(orgId, integrationId).get();
  const doc = projects.docs.find((d) => d.data().externalId === externalId)!;
  return { id: doc.id, name: doc.data().name };
}

describe("ClickUp", () => {
  const sim = new ClickUpSimulator({ ...FAST, seed: 81, teams: 1, spacesPerTeam: 1, foldersPerSpace: 0, folderlessListsPerSpace: 1, tasksPerList: 3 });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it("stores every field of a closed subtask with points, an estimate, tags, assignees and a due date", async () => {
    const [parent, task] = sim.data.tasks;
    const assignees = sim.data.users.slice(0, 2);
    const created = Date.UTC(2026, 0, 2, 3, 4, 5);
    sim.update(
      task!.id,
      {
        name: "Ship the importer",
        description: "Import **every** row",
        status: "complete",
        assignees: assignees.map((u) => u.id),
        tags: ["backend", "q1"],
        priority: 2,
        dueDate: Date.UTC(2026, 1, 1, 8),
        dateCreated: created,
        dateClosed: Date.UTC(2026, 0, 20),
        parent: parent!.id,
        points: 3,
        timeEstimate: 90 * 60_000,
      },
      new Date(Date.UTC(2026, 0, 21)),
    );
    const orgId = await seedOrg("owner-normalized-clickup");
    const integrationId = await seedIntegration({ orgId, provider: "clickup", ...clickupConnection(sim) });

    const stored = await syncAndRead(orgId, integrationId, 1, `clickup:${task!.id}`);

    const project = await projectOf(orgId, integrationId, task!.listId);
    expect(stored).toEqual({
      id: `clickup:${task!.id}`,
      provider: "clickup",
      externalId: task!.id,
      providerRef: task!.id,
      integrationId,
      projectId: project.id,
      projectName: project.name,
      title: "Ship the importer",
      description: "Import **every** row",
      url: `https://app.clickup.com/t/${task!.id}`,
      status: "done",
      providerStatus: "complete",
      assignees: assignees.map((u) => ({ id: String(u.id), name: u.username })),
      labels: ["backend", "q1"],
      priority: "high",
      createdAt: new Date(created),
      updatedAt: new Date(Date.UTC(2026, 0, 21)),
      startAt: null,
      dueAt: new Date(Date.UTC(2026, 1, 1, 8)),
      completedAt: new Date(Date.UTC(2026, 0, 20)),
      // ClickUp reports time in milliseconds; the simulator tracks none spent.
      timeSpentMinutes: 0,
      timeEstimateMinutes: 90,
      estimatePoints: 3,
      parentId: `clickup:${parent!.id}`,
      deleted: false,
      contentHash: HASH,
    });
  });
});

describe("Linear", () => {
  const sim = new LinearSimulator({ ...FAST, seed: 82, teams: 1, issuesPerTeam: 3 });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it("stores every field of a started sub-issue with an estimate in points, labels, an assignee and a due date", async () => {
    const [parent, issue] = sim.data.issues;
    const team = sim.data.teams[0]!;
    const started = team.states.find((s) => s.type === "started")!;
    const assignee = sim.data.users[1]!;
    sim.update(
      issue!.id,
      {
        title: "Rate-limit the importer",
        description: "Stay under the **hourly** budget",
        stateId: started.id,
        priority: 1,
        estimate: 5,
        dueDate: "2026-02-01",
        createdAt: "2026-01-02T03:04:05.000Z",
        startedAt: "2026-01-10T09:00:00.000Z",
        completedAt: null,
        canceledAt: null,
        assigneeId: assignee.id,
        labels: ["Bug", "Performance"],
        parentId: parent!.id,
      },
      new Date("2026-01-21T00:00:00.000Z"),
    );
    const orgId = await seedOrg("owner-normalized-linear");
    const integrationId = await seedIntegration({ orgId, provider: "linear", ...linearConnection(sim) });

    const stored = await syncAndRead(orgId, integrationId, 1, `linear:${issue!.id}`);

    const project = await projectOf(orgId, integrationId, team.id);
    const identifier = `${team.key}-${issue!.number}`;
    expect(stored).toEqual({
      id: `linear:${issue!.id}`,
      provider: "linear",
      externalId: issue!.id,
      providerRef: issue!.id,
      integrationId,
      projectId: project.id,
      projectName: project.name,
      title: "Rate-limit the importer",
      description: "Stay under the **hourly** budget",
      url: `https://linear.app/${sim.data.organization.urlKey}/issue/${identifier}`,
      status: "in_progress",
      providerStatus: started.name,
      assignees: [{ id: assignee.id, name: assignee.name }],
      labels: ["Bug", "Performance"],
      priority: "urgent",
      createdAt: new Date("2026-01-02T03:04:05.000Z"),
      updatedAt: new Date("2026-01-21T00:00:00.000Z"),
      startAt: new Date("2026-01-10T09:00:00.000Z"),
      dueAt: new Date("2026-02-01T00:00:00.000Z"),
      completedAt: null,
      // Linear has no time tracking; its estimate is points on the team's scale.
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: 5,
      parentId: `linear:${parent!.id}`,
      deleted: false,
      contentHash: HASH,
    });
  });
});
