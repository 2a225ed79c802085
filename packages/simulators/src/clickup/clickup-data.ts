import { DEFAULT_DATASET_START, generateTasks, type DatasetOptions, type GeneratedProgress } from "../base/generated-tasks";
import { SeededRandom } from "../base/seeded-random";

/** ClickUp's hierarchy: Workspaces (teams) hold Spaces; Spaces hold Folders (holding Lists) and folderless Lists. */
export interface ClickUpSimTeam {
  id: string;
  name: string;
}
export interface ClickUpSimSpace {
  id: string;
  name: string;
  teamId: string;
}
export interface ClickUpSimFolder {
  id: string;
  name: string;
  spaceId: string;
}
export interface ClickUpSimStatus {
  status: string;
  type: "open" | "custom" | "closed" | "done";
  orderindex: number;
  color: string;
}
export interface ClickUpSimList {
  id: string;
  name: string;
  spaceId: string;
  folderId: string | null;
  statuses: ClickUpSimStatus[];
}
export interface ClickUpSimUser {
  id: number;
  username: string;
  email: string;
}
export interface ClickUpSimTask {
  id: string;
  listId: string;
  name: string;
  description: string;
  status: string;
  assignees: number[];
  tags: string[];
  /** 1 urgent … 4 low, null for none. */
  priority: number | null;
  dueDate: number | null;
  dateCreated: number;
  dateUpdated: number;
  dateClosed: number | null;
  parent: string | null;
  points: number | null;
  timeEstimate: number | null;
  comments: Array<{ id: string; text: string; date: number }>;
}

export interface ClickUpDatasetOptions extends DatasetOptions {
  teams?: number;
  spacesPerTeam?: number;
  foldersPerSpace?: number;
  listsPerFolder?: number;
  folderlessListsPerSpace?: number;
  tasksPerList?: number;
  users?: number;
}

export interface ClickUpDataset {
  teams: ClickUpSimTeam[];
  spaces: ClickUpSimSpace[];
  folders: ClickUpSimFolder[];
  lists: ClickUpSimList[];
  users: ClickUpSimUser[];
  tasks: ClickUpSimTask[];
}

/** Every generated List has these statuses: one of each type, the closed one last, as ClickUp's default template. */
export const CLICKUP_STATUSES: ClickUpSimStatus[] = [
  { status: "to do", type: "open", orderindex: 0, color: "#d3d3d3" },
  { status: "in progress", type: "custom", orderindex: 1, color: "#4194f6" },
  { status: "cancelled", type: "custom", orderindex: 2, color: "#b5bcc2" },
  { status: "complete", type: "closed", orderindex: 3, color: "#6bc950" },
];

const STATUS_BY_PROGRESS: Record<GeneratedProgress, string> = { todo: "to do", in_progress: "in progress", done: "complete", cancelled: "cancelled" };

/** A seeded ClickUp dataset: same options, same ids and tasks. */
export function generateClickUpDataset(options: ClickUpDatasetOptions): ClickUpDataset {
  const random = new SeededRandom(options.seed ?? 1);
  const start = options.start ?? DEFAULT_DATASET_START;
  const data: ClickUpDataset = { teams: [], spaces: [], folders: [], lists: [], users: [], tasks: [] };
  for (let u = 0; u < (options.users ?? 3); u += 1) {
    data.users.push({ id: Number(random.digits(8)), username: `User ${u + 1}`, email: `user${u + 1}@example.com` });
  }
  const addList = (spaceId: string, folderId: string | null): void => {
    const list: ClickUpSimList = { id: random.digits(9), name: `List ${data.lists.length + 1}`, spaceId, folderId, statuses: CLICKUP_STATUSES.map((s) => ({ ...s })) };
    data.lists.push(list);
    for (const task of generateTasks(random, options.tasksPerList ?? 150, start, data.users.length)) {
      data.tasks.push({
        id: random.hex(7),
        listId: list.id,
        name: task.title,
        description: task.description ?? "",
        status: STATUS_BY_PROGRESS[task.progress],
        assignees: task.assignee === null ? [] : [data.users[task.assignee]!.id],
        tags: task.labels,
        priority: task.priority === 0 ? null : task.priority,
        dueDate: task.dueOn === null ? null : Date.parse(`${task.dueOn}T00:00:00.000Z`),
        dateCreated: task.createdAt.getTime(),
        dateUpdated: task.updatedAt.getTime(),
        dateClosed: task.completedAt?.getTime() ?? null,
        parent: null,
        points: task.estimate,
        timeEstimate: task.estimate === null ? null : task.estimate * 3_600_000,
        comments: [],
      });
    }
  };
  for (let t = 0; t < (options.teams ?? 1); t += 1) {
    const team = { id: random.digits(8), name: `Workspace ${t + 1}` };
    data.teams.push(team);
    for (let s = 0; s < (options.spacesPerTeam ?? 1); s += 1) {
      const space = { id: random.digits(8), name: `Space ${data.spaces.length + 1}`, teamId: team.id };
      data.spaces.push(space);
      for (let f = 0; f < (options.foldersPerSpace ?? 1); f += 1) {
        const folder = { id: random.digits(8), name: `Folder ${data.folders.length + 1}`, spaceId: space.id };
        data.folders.push(folder);
        for (let l = 0; l < (options.listsPerFolder ?? 1); l += 1) addList(space.id, folder.id);
      }
      for (let l = 0; l < (options.folderlessListsPerSpace ?? 1); l += 1) addList(space.id, null);
    }
  }
  return data;
}
