import { generateClickUpDataset, type ClickUpDataset, type ClickUpDatasetOptions, type ClickUpSimList, type ClickUpSimTask } from "./clickup-data";
import { ProviderSimulator, type ProviderSimulatorOptions, type RecordedRequest, type SimResponse } from "../base/provider-simulator";
import type { RateState } from "../base/rate-window";
import { SeededRandom } from "../base/seeded-random";

export interface ClickUpSimulatorOptions extends ClickUpDatasetOptions, ProviderSimulatorOptions {
  /** Sent raw in Authorization. Default "pk_simulated_personal_token". */
  personalToken?: string;
  /** Sent as Bearer. Default "clickup_simulated_oauth_token". */
  oauthToken?: string;
}

/** A webhook as ClickUp's CreateWebhook and GetWebhooks answer it (CU-OAS example). */
export interface ClickUpSimWebhook {
  id: string;
  userid: number;
  team_id: number;
  endpoint: string;
  client_id: string;
  events: string[];
  task_id: string | null;
  list_id: number | null;
  folder_id: number | null;
  space_id: number | null;
  health: { status: string; fail_count: number };
  secret: string;
}

/** ClickUp's fixed page size for GET /list/{id}/task. */
export const CLICKUP_SIM_PAGE_SIZE = 100;
const PRIORITY_NAMES = ["", "urgent", "high", "normal", "low"];

/**
 * Answers like api.clickup.com/api/v2 for what our provider reads and writes: the user and its
 * Workspaces, the Space/Folder/List hierarchy, a List's tasks (page from 0, 100 a page,
 * last_page, include_closed, subtasks, date_updated_gt in Unix ms), one task, a List's statuses,
 * and status updates, comments and creates. Personal tokens go raw, OAuth tokens as Bearer;
 * errors are `{err, ECODE}`; X-RateLimit-Limit/-Remaining/-Reset (Unix seconds) on every answer.
 */
export class ClickUpSimulator extends ProviderSimulator {
  readonly personalToken: string;
  readonly oauthToken: string;
  readonly data: ClickUpDataset;
  /** Webhooks created through POST /team/{team_id}/webhook and not yet deleted. */
  readonly webhooks: ClickUpSimWebhook[] = [];
  private readonly ids: SeededRandom;

  constructor(options: ClickUpSimulatorOptions = {}) {
    super(100, options);
    this.personalToken = options.personalToken ?? "pk_simulated_personal_token";
    this.oauthToken = options.oauthToken ?? "clickup_simulated_oauth_token";
    this.data = generateClickUpDataset(options);
    this.ids = new SeededRandom(`clickup-writes:${String(options.seed ?? 1)}`);
  }

  /** The user ClickUp says the credential belongs to. */
  get me() {
    return this.data.users[0]!;
  }

  tasksOf(listId: string): ClickUpSimTask[] {
    return this.data.tasks.filter((task) => task.listId === listId);
  }

  task(id: string): ClickUpSimTask | undefined {
    return this.data.tasks.find((task) => task.id === id);
  }

  /** Changes a task as an edit in ClickUp would: date_updated moves to `at` (default: the simulator's now). */
  update(id: string, changes: Partial<Omit<ClickUpSimTask, "id">>, at: Date = new Date(this.now())): ClickUpSimTask {
    const task = this.mustFind(id);
    Object.assign(task, changes, { dateUpdated: at.getTime() });
    return task;
  }

  /** Deletes a task: later reads of it answer 404, and listings no longer hold it. */
  remove(id: string): void {
    this.data.tasks.splice(this.data.tasks.indexOf(this.mustFind(id)), 1);
  }

  protected authenticate(request: RecordedRequest): string | null {
    const header = request.authorization;
    return header === this.personalToken || header === `Bearer ${this.oauthToken}` ? header : null;
  }

  protected unauthorized(request: RecordedRequest): SimResponse {
    return request.authorization ? { status: 401, body: { err: "Token invalid", ECODE: "OAUTH_025" } } : { status: 401, body: { err: "Authorization header required", ECODE: "OAUTH_017" } };
  }

  protected rateHeaders(state: RateState): Record<string, string> {
    return { "x-ratelimit-limit": String(state.limit), "x-ratelimit-remaining": String(state.remaining), "x-ratelimit-reset": String(Math.ceil(state.resetAtMs / 1000)) };
  }

  protected rateLimited(state: RateState): SimResponse {
    return { status: 429, body: { err: "Rate limit reached", ECODE: "APP_002" }, headers: this.rateHeaders(state) };
  }

  protected route(request: RecordedRequest, body: unknown): SimResponse {
    const { method, path } = request;
    const segments = path.replace(/^\/api\/v2/, "").split("/").filter(Boolean);
    const [root, id, sub] = segments;
    if (root === "team" && sub === "webhook") return this.teamWebhooks(method, id!, body);
    if (root === "webhook" && method === "DELETE") return this.deleteWebhook(id!);
    if (method === "GET" && path.endsWith("/user")) return ok({ user: { id: this.me.id, username: this.me.username, email: this.me.email, color: "#7b68ee", profilePicture: null } });
    if (method === "GET" && root === "team" && id === undefined) return ok({ teams: this.data.teams.map((team) => ({ id: team.id, name: team.name, color: "#536cfe", avatar: null, members: [] })) });
    if (method === "GET" && root === "team" && sub === "space") {
      if (!this.data.teams.some((team) => team.id === id)) return error(401, "Team not authorized", "OAUTH_027");
      return ok({ spaces: this.data.spaces.filter((space) => space.teamId === id).map((space) => ({ id: space.id, name: space.name, private: false, archived: false })) });
    }
    if (method === "GET" && root === "space" && sub === "folder") {
      return ok({ folders: this.data.folders.filter((f) => f.spaceId === id).map((f) => ({ id: f.id, name: f.name, hidden: false, archived: false, lists: this.listsIn(f.id).map(listSummary) })) });
    }
    if (method === "GET" && root === "space" && sub === "list") return ok({ lists: this.data.lists.filter((l) => l.spaceId === id && l.folderId === null).map(listSummary) });
    if (method === "GET" && root === "folder" && sub === "list") return ok({ lists: this.listsIn(id!).map(listSummary) });
    if (root === "list") {
      const list = this.data.lists.find((l) => l.id === id);
      if (!list) return error(404, "List not found", "ITEM_015");
      if (method === "GET" && sub === undefined) return ok({ ...listSummary(list), statuses: list.statuses });
      if (method === "GET" && sub === "task") return this.listTasks(request, list);
      if (method === "POST" && sub === "task") return this.createTask(list, body);
    }
    if (root === "task") {
      const task = this.task(id!);
      if (!task) return error(404, "Task not found, deleted", "ITEM_013");
      if (method === "GET" && sub === undefined) return ok(this.render(task));
      if (method === "PUT" && sub === undefined) return this.updateTask(task, body);
      if (method === "POST" && sub === "comment") return this.comment(task, body);
    }
    return error(404, "Route not found", "APP_001");
  }

  /**
   * CU-OAS CreateWebhook / GetWebhooks: a team webhook for `endpoint` and `events` (at most one
   * location filter), answered with `{id, webhook}` where the webhook carries the secret ClickUp
   * generated; GET lists this token's webhooks of the team.
   */
  private teamWebhooks(method: string, teamId: string, body: unknown): SimResponse {
    if (!this.data.teams.some((team) => team.id === teamId)) return error(401, "Team not authorized", "OAUTH_027");
    if (method === "GET") return ok({ webhooks: this.webhooks.filter((hook) => hook.team_id === Number(teamId)) });
    if (method !== "POST") return error(404, "Route not found", "APP_001");
    const input = (body ?? {}) as { endpoint?: unknown; events?: unknown };
    if (typeof input.endpoint !== "string" || !/^https?:\/\//.test(input.endpoint)) return error(400, "Webhook endpoint invalid", "WH_001");
    if (!Array.isArray(input.events) || input.events.length === 0 || !input.events.every((e) => typeof e === "string")) return error(400, "Webhook events invalid", "WH_002");
    const id = this.ids.uuid();
    const webhook: ClickUpSimWebhook = {
      id,
      userid: this.me.id,
      team_id: Number(teamId),
      endpoint: input.endpoint,
      client_id: this.ids.hex(16).toUpperCase(),
      events: input.events as string[],
      task_id: null,
      list_id: null,
      folder_id: null,
      space_id: null,
      health: { status: "active", fail_count: 0 },
      secret: this.ids.hex(32).toUpperCase(),
    };
    this.webhooks.push(webhook);
    return ok({ id, webhook });
  }

  /** CU-OAS DeleteWebhook: `{}`; an unknown id answers 404 (its ECODE is the simulator's choice). */
  private deleteWebhook(id: string): SimResponse {
    const index = this.webhooks.findIndex((hook) => hook.id === id);
    if (index < 0) return error(404, "Webhook not found", "WH_404");
    this.webhooks.splice(index, 1);
    return ok({});
  }

  private listsIn(folderId: string): ClickUpSimList[] {
    return this.data.lists.filter((list) => list.folderId === folderId);
  }

  /** Closed tasks and subtasks only when asked for; date_updated_gt strictly after (Unix ms); page from 0. */
  private listTasks(request: RecordedRequest, list: ClickUpSimList): SimResponse {
    const q = request.query;
    const page = Number(q.get("page") ?? 0);
    if (!Number.isInteger(page) || page < 0) return error(400, "Page must be a non-negative integer", "INPUT_003");
    const updatedAfter = q.get("date_updated_gt");
    const orderBy = q.get("order_by") ?? "created";
    const key = (task: ClickUpSimTask): number | string => (orderBy === "updated" ? task.dateUpdated : orderBy === "id" ? task.id : task.dateCreated);
    const tasks = this.tasksOf(list.id)
      .filter((task) => q.get("include_closed") === "true" || !this.isClosed(task))
      .filter((task) => q.get("subtasks") === "true" || task.parent === null)
      .filter((task) => updatedAfter === null || task.dateUpdated > Number(updatedAfter))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id.localeCompare(b.id)));
    if (q.get("reverse") === "true") tasks.reverse();
    const slice = tasks.slice(page * CLICKUP_SIM_PAGE_SIZE, (page + 1) * CLICKUP_SIM_PAGE_SIZE);
    return ok({ tasks: slice.map((task) => this.render(task, q.get("include_markdown_description") === "true")), last_page: (page + 1) * CLICKUP_SIM_PAGE_SIZE >= tasks.length });
  }

  private updateTask(task: ClickUpSimTask, body: unknown): SimResponse {
    const input = (body ?? {}) as { status?: unknown; name?: unknown };
    if (input.status !== undefined) {
      const list = this.data.lists.find((l) => l.id === task.listId)!;
      const status = list.statuses.find((s) => s.status.toLowerCase() === String(input.status).toLowerCase());
      if (!status) return error(400, "Status does not exist", "ITEM_117");
      task.status = status.status;
      task.dateClosed = status.type === "closed" || status.type === "done" ? this.now() : null;
    }
    if (typeof input.name === "string") task.name = input.name;
    task.dateUpdated = this.now();
    return ok(this.render(task));
  }

  private comment(task: ClickUpSimTask, body: unknown): SimResponse {
    const input = (body ?? {}) as { comment_text?: unknown; notify_all?: unknown };
    if (typeof input.comment_text !== "string") return error(400, "Comment text required", "OAUTH_037");
    if (typeof input.notify_all !== "boolean") return error(400, "notify_all must be a boolean", "INPUT_002");
    const comment = { id: this.ids.digits(9), text: input.comment_text, date: this.now() };
    task.comments.push(comment);
    return ok({ id: Number(comment.id), hist_id: this.ids.uuid(), date: comment.date });
  }

  private createTask(list: ClickUpSimList, body: unknown): SimResponse {
    const input = (body ?? {}) as { name?: unknown; description?: unknown; assignees?: unknown; due_date?: unknown; status?: unknown };
    if (typeof input.name !== "string" || input.name === "") return error(400, "Task name invalid", "INPUT_005");
    if (input.assignees !== undefined && !(Array.isArray(input.assignees) && input.assignees.every((a) => Number.isInteger(a)))) {
      return error(400, "Assignees must be user ids", "INPUT_002");
    }
    const now = this.now();
    const task: ClickUpSimTask = {
      id: this.ids.hex(7),
      listId: list.id,
      name: input.name,
      description: typeof input.description === "string" ? input.description : "",
      status: list.statuses[0]!.status,
      assignees: (input.assignees as number[] | undefined) ?? [],
      tags: [],
      priority: null,
      dueDate: typeof input.due_date === "number" ? input.due_date : null,
      dateCreated: now,
      dateUpdated: now,
      dateClosed: null,
      parent: null,
      points: null,
      timeEstimate: null,
      comments: [],
    };
    this.data.tasks.push(task);
    return ok(this.render(task));
  }

  private isClosed(task: ClickUpSimTask): boolean {
    const type = this.statusOf(task).type;
    return type === "closed" || type === "done";
  }

  private statusOf(task: ClickUpSimTask) {
    return this.data.lists.find((l) => l.id === task.listId)!.statuses.find((s) => s.status === task.status)!;
  }

  /** A task as ClickUp sends it: ids and timestamps as strings, priority as an object, status with its type. */
  private render(task: ClickUpSimTask, markdown = false): Record<string, unknown> {
    const status = this.statusOf(task);
    const user = (id: number) => this.data.users.find((u) => u.id === id) ?? { id, username: null, email: null };
    const closed = task.dateClosed === null ? null : String(task.dateClosed);
    return {
      id: task.id,
      custom_id: null,
      name: task.name,
      text_content: task.description,
      description: task.description,
      ...(markdown ? { markdown_description: task.description } : {}),
      status: { status: status.status, color: status.color, type: status.type, orderindex: status.orderindex },
      orderindex: "1.0000",
      date_created: String(task.dateCreated),
      date_updated: String(task.dateUpdated),
      date_closed: closed,
      date_done: status.type === "closed" || status.type === "done" ? closed : null,
      archived: false,
      creator: { id: this.me.id, username: this.me.username, email: this.me.email },
      assignees: task.assignees.map((id) => ({ ...user(id), color: "#7b68ee", profilePicture: null })),
      tags: task.tags.map((name) => ({ name, tag_fg: "#fff", tag_bg: "#000" })),
      parent: task.parent,
      priority: task.priority === null ? null : { id: String(task.priority), priority: PRIORITY_NAMES[task.priority], color: "#f50000", orderindex: String(task.priority) },
      due_date: task.dueDate === null ? null : String(task.dueDate),
      start_date: null,
      points: task.points,
      time_estimate: task.timeEstimate,
      time_spent: 0,
      list: { id: task.listId },
      url: `https://app.clickup.com/t/${task.id}`,
    };
  }

  private mustFind(id: string): ClickUpSimTask {
    const task = this.task(id);
    if (!task) throw new Error(`no ClickUp task ${id}`);
    return task;
  }
}

function listSummary(list: ClickUpSimList): Record<string, unknown> {
  return { id: list.id, name: list.name, archived: false, folder: list.folderId === null ? { hidden: true } : { id: list.folderId }, space: { id: list.spaceId } };
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

function error(status: number, err: string, ECODE: string): SimResponse {
  return { status, body: { err, ECODE } };
}
