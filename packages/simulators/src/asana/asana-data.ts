import { DEFAULT_DATASET_START, generateTasks, type DatasetOptions } from "../base/generated-tasks";
import { SeededRandom } from "../base/seeded-random";

export interface AsanaSimUser {
  gid: string;
  name: string;
  email: string;
}
export interface AsanaSimWorkspace {
  gid: string;
  name: string;
}
export interface AsanaSimProject {
  gid: string;
  name: string;
  workspaceGid: string;
  archived: boolean;
  sections: Array<{ gid: string; name: string }>;
}
export interface AsanaSimTask {
  gid: string;
  workspaceGid: string;
  name: string;
  notes: string;
  completed: boolean;
  completed_at: string | null;
  assignee: string | null;
  due_on: string | null;
  due_at: string | null;
  start_on: string | null;
  created_at: string;
  modified_at: string;
  /** One membership per project the task is in, with its section there. */
  memberships: Array<{ project: string; section: string }>;
  tags: string[];
  parent: string | null;
  stories: Array<{ gid: string; text: string; created_at: string }>;
}

export interface AsanaDatasetOptions extends DatasetOptions {
  workspaces?: number;
  projectsPerWorkspace?: number;
  tasksPerProject?: number;
  users?: number;
}

export interface AsanaDataset {
  users: AsanaSimUser[];
  workspaces: AsanaSimWorkspace[];
  projects: AsanaSimProject[];
  tasks: AsanaSimTask[];
}

const SECTIONS = ["To do", "Doing", "Done"];

/** A seeded Asana account: same options, same gids and tasks. */
export function generateAsanaDataset(options: AsanaDatasetOptions): AsanaDataset {
  const random = new SeededRandom(options.seed ?? 1);
  const start = options.start ?? DEFAULT_DATASET_START;
  const data: AsanaDataset = { users: [], workspaces: [], projects: [], tasks: [] };
  for (let u = 0; u < (options.users ?? 3); u += 1) data.users.push({ gid: random.digits(16), name: `User ${u + 1}`, email: `user${u + 1}@example.com` });
  for (let w = 0; w < (options.workspaces ?? 1); w += 1) {
    const workspace = { gid: random.digits(16), name: `Workspace ${w + 1}` };
    data.workspaces.push(workspace);
    for (let p = 0; p < (options.projectsPerWorkspace ?? 2); p += 1) {
      const project: AsanaSimProject = { gid: random.digits(16), name: `Project ${data.projects.length + 1}`, workspaceGid: workspace.gid, archived: false, sections: SECTIONS.map((name) => ({ gid: random.digits(16), name })) };
      data.projects.push(project);
      for (const task of generateTasks(random, options.tasksPerProject ?? 150, start, data.users.length)) {
        const done = task.progress === "done";
        const section = project.sections[done ? 2 : task.progress === "in_progress" ? 1 : 0]!;
        data.tasks.push({
          gid: random.digits(16),
          workspaceGid: workspace.gid,
          name: task.title,
          notes: task.description ?? "",
          completed: done,
          completed_at: task.completedAt?.toISOString() ?? null,
          assignee: task.assignee === null ? null : data.users[task.assignee]!.gid,
          due_on: task.dueOn,
          due_at: null,
          start_on: null,
          created_at: task.createdAt.toISOString(),
          modified_at: task.updatedAt.toISOString(),
          memberships: [{ project: project.gid, section: section.gid }],
          tags: task.labels,
          parent: null,
          stories: [],
        });
      }
    }
  }
  return data;
}
