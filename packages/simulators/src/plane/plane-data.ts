import { DEFAULT_DATASET_START, generateTasks, type DatasetOptions, type GeneratedProgress } from "../base/generated-tasks";
import { SeededRandom } from "../base/seeded-random";

export type PlaneStateGroup = "backlog" | "unstarted" | "started" | "completed" | "cancelled" | "triage";

export interface PlaneSimState {
  id: string;
  name: string;
  group: PlaneStateGroup;
  sequence: number;
  color: string;
}
export interface PlaneSimUser {
  id: string;
  display_name: string;
  first_name: string;
  last_name: string;
  email: string;
}
export interface PlaneSimProject {
  id: string;
  name: string;
  identifier: string;
  states: PlaneSimState[];
  labels: Array<{ id: string; name: string }>;
}
export interface PlaneSimItem {
  id: string;
  project: string;
  sequence_id: number;
  name: string;
  description_html: string | null;
  priority: "urgent" | "high" | "medium" | "low" | "none";
  state: string;
  assignees: string[];
  labels: string[];
  start_date: string | null;
  target_date: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  parent: string | null;
  estimate_point: string | null;
  external_id: string | null;
  external_source: string | null;
  comments: Array<{ id: string; comment_html: string; created_at: string }>;
}

export interface PlaneDatasetOptions extends DatasetOptions {
  workspaceSlug?: string;
  projects?: number;
  itemsPerProject?: number;
  users?: number;
}

export interface PlaneDataset {
  slug: string;
  users: PlaneSimUser[];
  projects: PlaneSimProject[];
  items: PlaneSimItem[];
}

/** A new project's states as Plane creates them: one per group, "Done" and "Cancelled" last. */
const DEFAULT_STATES: Array<Omit<PlaneSimState, "id">> = [
  { name: "Backlog", group: "backlog", sequence: 15000, color: "#A3A3A3" },
  { name: "Todo", group: "unstarted", sequence: 25000, color: "#3A3A3A" },
  { name: "In Progress", group: "started", sequence: 35000, color: "#F59E0B" },
  { name: "Done", group: "completed", sequence: 45000, color: "#16A34A" },
  { name: "Cancelled", group: "cancelled", sequence: 55000, color: "#EF4444" },
];
const GROUP_BY_PROGRESS: Record<GeneratedProgress, PlaneStateGroup> = { todo: "unstarted", in_progress: "started", done: "completed", cancelled: "cancelled" };
const PRIORITIES = ["none", "urgent", "high", "medium", "low"] as const;

/** A seeded Plane workspace: same options, same ids and work items. */
export function generatePlaneDataset(options: PlaneDatasetOptions): PlaneDataset {
  const random = new SeededRandom(options.seed ?? 1);
  const start = options.start ?? DEFAULT_DATASET_START;
  const data: PlaneDataset = { slug: options.workspaceSlug ?? "sim-workspace", users: [], projects: [], items: [] };
  for (let u = 0; u < (options.users ?? 3); u += 1) {
    data.users.push({ id: random.uuid(), display_name: `user${u + 1}`, first_name: "User", last_name: String(u + 1), email: `user${u + 1}@example.com` });
  }
  for (let p = 0; p < (options.projects ?? 2); p += 1) {
    const project: PlaneSimProject = {
      id: random.uuid(),
      name: `Project ${p + 1}`,
      identifier: `PRJ${p + 1}`,
      states: DEFAULT_STATES.map((state) => ({ ...state, id: random.uuid() })),
      labels: ["bug", "feature", "chore", "design", "backend", "frontend"].map((name) => ({ id: random.uuid(), name })),
    };
    data.projects.push(project);
    generateTasks(random, options.itemsPerProject ?? 150, start, data.users.length).forEach((task, index) => {
      data.items.push({
        id: random.uuid(),
        project: project.id,
        sequence_id: index + 1,
        name: task.title,
        description_html: task.description === null ? null : `<p>${task.description}</p>`,
        priority: PRIORITIES[task.priority],
        state: project.states.find((s) => s.group === GROUP_BY_PROGRESS[task.progress])!.id,
        assignees: task.assignee === null ? [] : [data.users[task.assignee]!.id],
        labels: task.labels.map((name) => project.labels.find((l) => l.name === name)!.id),
        start_date: null,
        target_date: task.dueOn,
        completed_at: task.completedAt?.toISOString() ?? null,
        created_at: task.createdAt.toISOString(),
        updated_at: task.updatedAt.toISOString(),
        parent: null,
        estimate_point: null,
        external_id: null,
        external_source: null,
        comments: [],
      });
    });
  }
  return data;
}
