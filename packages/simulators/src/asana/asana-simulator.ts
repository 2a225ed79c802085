import { generateAsanaDataset, type AsanaDataset, type AsanaDatasetOptions, type AsanaSimTask } from "./asana-data";
import { selectOptFields } from "./asana-opt-fields";
import { decodeCursor, encodeCursor, sliceAt } from "../base/pages";
import { ProviderSimulator, type ProviderSimulatorOptions, type RecordedRequest, type SimResponse } from "../base/provider-simulator";
import { retryAfterSeconds, type RateState } from "../base/rate-window";
import { SeededRandom } from "../base/seeded-random";

export interface AsanaSimulatorOptions extends AsanaDatasetOptions, ProviderSimulatorOptions {
  /** Accepted as Bearer: a personal access token and an OAuth access token. */
  tokens?: string[];
}

const HELP = "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";

/**
 * Answers like app.asana.com/api/1.0 for what our provider reads and writes: users/me with its
 * workspaces, a workspace's projects, GET /tasks?project= with modified_since, opt_fields
 * (records hold only the fields named), limit 1–100 and opaque offset tokens in next_page, one
 * task, PUT completed, comment stories and creates. Every credential goes as Bearer; errors are
 * `{errors:[{message, help}]}`; no rate-limit headers, only 429 with Retry-After (seconds).
 */
export class AsanaSimulator extends ProviderSimulator {
  readonly tokens: string[];
  readonly data: AsanaDataset;
  private readonly ids: SeededRandom;

  constructor(options: AsanaSimulatorOptions = {}) {
    super(150, options);
    this.tokens = options.tokens ?? ["asana_simulated_pat", "asana_simulated_oauth_token"];
    this.data = generateAsanaDataset(options);
    this.ids = new SeededRandom(`asana-writes:${String(options.seed ?? 1)}`);
  }

  get token(): string {
    return this.tokens[0]!;
  }

  get me() {
    return this.data.users[0]!;
  }

  tasksOf(projectGid: string): AsanaSimTask[] {
    return this.data.tasks.filter((task) => task.memberships.some((m) => m.project === projectGid));
  }

  task(gid: string): AsanaSimTask | undefined {
    return this.data.tasks.find((task) => task.gid === gid);
  }

  /** Changes a task as an edit in Asana would: modified_at moves to `at` (default: the simulator's now). */
  update(gid: string, changes: Partial<Omit<AsanaSimTask, "gid">>, at: Date = new Date(this.now())): AsanaSimTask {
    const task = this.mustFind(gid);
    Object.assign(task, changes, { modified_at: at.toISOString() });
    return task;
  }

  remove(gid: string): void {
    this.data.tasks.splice(this.data.tasks.indexOf(this.mustFind(gid)), 1);
  }

  protected authenticate(request: RecordedRequest): string | null {
    const token = /^Bearer (.+)$/.exec(request.authorization ?? "")?.[1];
    return token !== undefined && this.tokens.includes(token) ? token : null;
  }

  protected unauthorized(): SimResponse {
    return asanaError(401, "Not Authorized");
  }

  protected rateHeaders(): Record<string, string> {
    return {};
  }

  protected rateLimited(state: RateState): SimResponse {
    return { ...asanaError(429, "You have made too many requests recently. Please, be chill."), headers: { "retry-after": String(retryAfterSeconds(state, this.now())) } };
  }

  protected route(request: RecordedRequest, body: unknown): SimResponse {
    const path = request.path.replace(/^\/api\/1\.0/, "");
    const fields = request.query.get("opt_fields");
    const { method } = request;
    if (method === "GET" && path === "/users/me") return ok(selectOptFields(this.renderUser(this.me, true), fields));
    if (method === "GET" && path === "/projects") return this.listProjects(request, path);
    if (path === "/tasks") {
      if (method === "GET") return this.listTasks(request, path);
      if (method === "POST") return this.createTask(body, fields);
    }
    const one = /^\/tasks\/([^/]+)(\/stories)?$/.exec(path);
    if (one) {
      const task = this.task(one[1]!);
      if (!task) return asanaError(404, `Unknown object: ${one[1]!}`);
      if (one[2] && method === "POST") return this.addStory(task, body, fields);
      if (!one[2] && method === "GET") return ok(selectOptFields(this.render(task), fields));
      if (!one[2] && method === "PUT") return this.updateTask(task, body, fields);
    }
    return asanaError(404, "No matching route for request");
  }

  private listProjects(request: RecordedRequest, path: string): SimResponse {
    const workspace = request.query.get("workspace");
    if (!workspace) return asanaError(400, "workspace: Missing input");
    const archived = request.query.get("archived");
    const projects = this.data.projects
      .filter((p) => p.workspaceGid === workspace && (archived === null || String(p.archived) === archived))
      .map((p) => ({ gid: p.gid, resource_type: "project", name: p.name, archived: p.archived, permalink_url: `https://app.asana.com/0/${p.gid}/list` }));
    return this.paged(request, path, `projects:${workspace}`, projects);
  }

  /** GET /tasks needs a project (or section, tag, assignee+workspace); modified_since keeps tasks modified at or after it. */
  private listTasks(request: RecordedRequest, path: string): SimResponse {
    const project = request.query.get("project");
    if (!project) return asanaError(400, "Must specify exactly one of project, tag, section, user task list, or assignee + workspace");
    if (!this.data.projects.some((p) => p.gid === project)) return asanaError(404, `Unknown object: ${project}`);
    const since = request.query.get("modified_since");
    if (since !== null && Number.isNaN(Date.parse(since))) return asanaError(400, "modified_since: Not a valid ISO 8601 date-time");
    const tasks = this.tasksOf(project).filter((t) => since === null || Date.parse(t.modified_at) >= Date.parse(since));
    return this.paged(request, path, `tasks:${project}:${since ?? ""}`, tasks.map((t) => this.render(t)));
  }

  /** limit 1–100 pages the listing; the offset token is opaque and only valid for the same listing. */
  private paged(request: RecordedRequest, path: string, listing: string, records: Array<Record<string, unknown>>): SimResponse {
    const fields = request.query.get("opt_fields");
    const limitParam = request.query.get("limit");
    if (limitParam === null) return ok(records.map((r) => selectOptFields(r, fields)));
    const limit = Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return asanaError(400, `limit: Value ${limitParam} is not in range [1, 100]`);
    const offsetParam = request.query.get("offset");
    let at = 0;
    if (offsetParam !== null) {
      const decoded = decodeCursor(offsetParam);
      if (decoded?.listing !== listing || typeof decoded.at !== "number") return asanaError(400, "offset: Your pagination token is invalid. Please restart your pagination from the beginning.");
      at = decoded.at;
    }
    const slice = sliceAt(records, at, limit);
    let nextPage: Record<string, string> | null = null;
    if (slice.next !== null) {
      const offset = encodeCursor({ listing, at: slice.next });
      const query = new URLSearchParams(request.query);
      query.set("offset", offset);
      nextPage = { offset, path: `${path}?${query.toString()}`, uri: `${this.baseUrl}/api/1.0${path}?${query.toString()}` };
    }
    return ok(slice.items.map((r) => selectOptFields(r, fields)), { next_page: nextPage });
  }

  private updateTask(task: AsanaSimTask, body: unknown, fields: string | null): SimResponse {
    const input = dataOf(body);
    if (input === null) return asanaError(400, "data: Missing input");
    if (typeof input.completed === "boolean") {
      if (input.completed !== task.completed) task.completed_at = input.completed ? this.isoNow() : null;
      task.completed = input.completed;
    }
    if (typeof input.name === "string") task.name = input.name;
    if (typeof input.notes === "string") task.notes = input.notes;
    task.modified_at = this.isoNow();
    return ok(selectOptFields(this.render(task), fields));
  }

  private addStory(task: AsanaSimTask, body: unknown, fields: string | null): SimResponse {
    const input = dataOf(body);
    if (typeof input?.text !== "string" && typeof input?.html_text !== "string") return asanaError(400, "text: Missing input");
    const story = { gid: this.ids.digits(16), text: String(input.text ?? input.html_text), created_at: this.isoNow() };
    task.stories.push(story);
    task.modified_at = story.created_at;
    const record = { ...story, resource_type: "story", type: "comment", resource_subtype: "comment_added", created_by: this.renderUser(this.me, false), target: { gid: task.gid, resource_type: "task", name: task.name } };
    return { status: 201, body: { data: selectOptFields(record, fields ?? "gid,created_at,text,type,resource_subtype,created_by,target") } };
  }

  private createTask(body: unknown, fields: string | null): SimResponse {
    const input = dataOf(body);
    if (input === null) return asanaError(400, "data: Missing input");
    if (typeof input.name !== "string") return asanaError(400, "name: Missing input");
    const projectGids = Array.isArray(input.projects) ? input.projects.map(String) : [];
    if (projectGids.length === 0 && typeof input.workspace !== "string") return asanaError(400, "workspace: Missing input");
    const projects = projectGids.map((gid) => this.data.projects.find((p) => p.gid === gid));
    if (projects.some((p) => p === undefined)) return asanaError(400, "projects: [0]: Not a recognized ID");
    if (input.assignee !== undefined && !this.data.users.some((u) => u.gid === input.assignee)) return asanaError(400, "assignee: Not a recognized ID");
    const now = this.isoNow();
    const task: AsanaSimTask = {
      gid: this.ids.digits(16),
      workspaceGid: projects[0]?.workspaceGid ?? String(input.workspace),
      name: input.name,
      notes: typeof input.notes === "string" ? input.notes : "",
      completed: false,
      completed_at: null,
      assignee: typeof input.assignee === "string" ? input.assignee : null,
      due_on: typeof input.due_at === "string" ? input.due_at.slice(0, 10) : typeof input.due_on === "string" ? input.due_on : null,
      due_at: typeof input.due_at === "string" ? new Date(input.due_at).toISOString() : null,
      start_on: null,
      created_at: now,
      modified_at: now,
      memberships: projects.map((p) => ({ project: p!.gid, section: p!.sections[0]!.gid })),
      tags: [],
      parent: null,
      stories: [],
    };
    this.data.tasks.push(task);
    return { status: 201, body: { data: selectOptFields(this.render(task), fields) } };
  }

  /** The full task record; opt_fields then picks from it. */
  private render(task: AsanaSimTask): Record<string, unknown> {
    const user = task.assignee === null ? null : this.data.users.find((u) => u.gid === task.assignee)!;
    return {
      gid: task.gid,
      resource_type: "task",
      resource_subtype: "default_task",
      name: task.name,
      notes: task.notes,
      completed: task.completed,
      completed_at: task.completed_at,
      assignee: user === null ? null : this.renderUser(user, false),
      due_on: task.due_on,
      due_at: task.due_at,
      start_on: task.start_on,
      start_at: null,
      created_at: task.created_at,
      modified_at: task.modified_at,
      actual_time_minutes: null,
      memberships: task.memberships.map((m) => {
        const project = this.data.projects.find((p) => p.gid === m.project)!;
        const section = project.sections.find((s) => s.gid === m.section)!;
        return { project: { gid: project.gid, resource_type: "project", name: project.name }, section: { gid: section.gid, resource_type: "section", name: section.name } };
      }),
      tags: task.tags.map((name) => ({ gid: new SeededRandom(`tag:${name}`).digits(16), resource_type: "tag", name })),
      parent: task.parent === null ? null : { gid: task.parent, resource_type: "task", resource_subtype: "default_task" },
      permalink_url: `https://app.asana.com/0/${task.memberships[0]?.project ?? "0"}/${task.gid}`,
      workspace: { gid: task.workspaceGid, resource_type: "workspace" },
    };
  }

  private renderUser(user: AsanaSimUser, withWorkspaces: boolean): Record<string, unknown> {
    return {
      gid: user.gid,
      resource_type: "user",
      name: user.name,
      email: user.email,
      ...(withWorkspaces ? { workspaces: this.data.workspaces.map((w) => ({ gid: w.gid, resource_type: "workspace", name: w.name })) } : {}),
    };
  }

  private mustFind(gid: string): AsanaSimTask {
    const task = this.task(gid);
    if (!task) throw new Error(`no Asana task ${gid}`);
    return task;
  }
}

type AsanaSimUser = AsanaDataset["users"][number];

function dataOf(body: unknown): Record<string, unknown> | null {
  const data = (body as { data?: unknown } | undefined)?.data;
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

function ok(data: unknown, extra: Record<string, unknown> = {}): SimResponse {
  return { status: 200, body: { data, ...extra } };
}

function asanaError(status: number, message: string): SimResponse {
  return { status, body: { errors: [{ message, help: HELP }] } };
}
