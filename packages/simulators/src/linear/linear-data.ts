import { DEFAULT_DATASET_START, generateTasks, type DatasetOptions, type GeneratedProgress } from "../base/generated-tasks";
import { SeededRandom } from "../base/seeded-random";

export type LinearStateType = "triage" | "backlog" | "unstarted" | "started" | "completed" | "canceled" | "duplicate";

export interface LinearSimState {
  id: string;
  name: string;
  type: LinearStateType;
  position: number;
}
export interface LinearSimTeam {
  id: string;
  name: string;
  key: string;
  states: LinearSimState[];
}
export interface LinearSimUser {
  id: string;
  name: string;
  email: string;
}
export interface LinearSimIssue {
  id: string;
  teamId: string;
  number: number;
  title: string;
  description: string | null;
  priority: number;
  estimate: number | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  archivedAt: string | null;
  trashed: boolean;
  stateId: string;
  assigneeId: string | null;
  labels: string[];
  parentId: string | null;
  comments: Array<{ id: string; body: string; createdAt: string }>;
}

export interface LinearDatasetOptions extends DatasetOptions {
  teams?: number;
  issuesPerTeam?: number;
  users?: number;
}

export interface LinearDataset {
  organization: { id: string; name: string; urlKey: string };
  users: LinearSimUser[];
  teams: LinearSimTeam[];
  issues: LinearSimIssue[];
}

/** A new team's workflow as Linear creates it; "Done" is the completed state with the lowest position. */
const DEFAULT_STATES: Array<Omit<LinearSimState, "id">> = [
  { name: "Backlog", type: "backlog", position: 0 },
  { name: "Todo", type: "unstarted", position: 1 },
  { name: "In Progress", type: "started", position: 2 },
  { name: "Done", type: "completed", position: 3 },
  { name: "Canceled", type: "canceled", position: 4 },
  { name: "Duplicate", type: "duplicate", position: 5 },
];
const TYPE_BY_PROGRESS: Record<GeneratedProgress, LinearStateType> = { todo: "unstarted", in_progress: "started", done: "completed", cancelled: "canceled" };

/** A seeded Linear organization: same options, same ids and issues. */
export function generateLinearDataset(options: LinearDatasetOptions): LinearDataset {
  const random = new SeededRandom(options.seed ?? 1);
  const start = options.start ?? DEFAULT_DATASET_START;
  const data: LinearDataset = { organization: { id: random.uuid(), name: "Simulated Org", urlKey: "simulated" }, users: [], teams: [], issues: [] };
  for (let u = 0; u < (options.users ?? 3); u += 1) data.users.push({ id: random.uuid(), name: `User ${u + 1}`, email: `user${u + 1}@example.com` });
  for (let t = 0; t < (options.teams ?? 2); t += 1) {
    const team: LinearSimTeam = { id: random.uuid(), name: `Team ${t + 1}`, key: `T${t + 1}`, states: DEFAULT_STATES.map((s) => ({ ...s, id: random.uuid() })) };
    data.teams.push(team);
    generateTasks(random, options.issuesPerTeam ?? 150, start, data.users.length).forEach((task, index) => {
      const type = TYPE_BY_PROGRESS[task.progress];
      data.issues.push({
        id: random.uuid(),
        teamId: team.id,
        number: index + 1,
        title: task.title,
        description: task.description,
        priority: task.priority,
        estimate: task.estimate,
        dueDate: task.dueOn,
        createdAt: task.createdAt.toISOString(),
        updatedAt: task.updatedAt.toISOString(),
        startedAt: type === "started" || type === "completed" ? task.createdAt.toISOString() : null,
        completedAt: task.completedAt?.toISOString() ?? null,
        canceledAt: type === "canceled" ? task.updatedAt.toISOString() : null,
        archivedAt: null,
        trashed: false,
        stateId: team.states.find((s) => s.type === type)!.id,
        assigneeId: task.assignee === null ? null : data.users[task.assignee]!.id,
        labels: task.labels,
        parentId: null,
        comments: [],
      });
    });
  }
  return data;
}
