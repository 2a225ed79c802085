import { generatePlaneDataset, type PlaneDataset, type PlaneDatasetOptions, type PlaneSimItem, type PlaneSimProject } from "./plane-data";
import { sliceAt } from "../base/pages";
import { ProviderSimulator, type ProviderSimulatorOptions, type RecordedRequest, type SimResponse } from "../base/provider-simulator";
import { retryAfterSeconds, type RateState } from "../base/rate-window";
import { SeededRandom } from "../base/seeded-random";

export interface PlaneSimulatorOptions extends PlaneDatasetOptions, ProviderSimulatorOptions {
  /** Sent in X-API-Key. Default "plane_api_simulated_key". */
  apiKey?: string;
  /** Sent as Bearer (OAuth user or bot token). Default "pln_simulated_oauth_token". */
  oauthToken?: string;
}

/** OSS BasePaginator: per_page defaults to 100 in the cloud docs; above 1000 is refused. */
const DEFAULT_PER_PAGE = 100;
const MAX_PER_PAGE = 1000;
const NOT_FOUND = { error: "The requested resource does not exist." };

/**
 * Answers like Plane's REST API v1 (api.plane.so, or a self-hosted origin) for what our provider
 * reads and writes: users/me, the workspace's projects, a project's work items (cursor
 * "per_page:page:is_prev", next_page_results, expand, order_by, the external_id+external_source
 * lookup), one work item, the project's states, state PATCHes, comments, and creates with 409 on
 * a repeated external_id+external_source. X-API-Key or Bearer; DRF's `{detail}` 401/429;
 * X-RateLimit-Remaining/-Reset (epoch seconds) on allowed requests only, as Plane sends them.
 */
export class PlaneSimulator extends ProviderSimulator {
  readonly apiKey: string;
  readonly oauthToken: string;
  readonly data: PlaneDataset;
  private readonly ids: SeededRandom;

  constructor(options: PlaneSimulatorOptions = {}) {
    super(60, options);
    this.apiKey = options.apiKey ?? "plane_api_simulated_key";
    this.oauthToken = options.oauthToken ?? "pln_simulated_oauth_token";
    this.data = generatePlaneDataset(options);
    this.ids = new SeededRandom(`plane-writes:${String(options.seed ?? 1)}`);
  }

  get slug(): string {
    return this.data.slug;
  }

  get me() {
    return this.data.users[0]!;
  }

  itemsOf(projectId: string): PlaneSimItem[] {
    return this.data.items.filter((item) => item.project === projectId);
  }

  item(id: string): PlaneSimItem | undefined {
    return this.data.items.find((item) => item.id === id);
  }

  stateOf(item: PlaneSimItem) {
    return this.project(item.project)!.states.find((state) => state.id === item.state)!;
  }

  /** Changes a work item as an edit in Plane would: updated_at moves to `at` (default: the simulator's now). */
  update(id: string, changes: Partial<Omit<PlaneSimItem, "id">>, at: Date = new Date(this.now())): PlaneSimItem {
    const item = this.mustFind(id);
    Object.assign(item, changes, { updated_at: at.toISOString() });
    return item;
  }

  /** Deletes a work item (Plane soft-deletes; the API no longer shows it anywhere). */
  remove(id: string): void {
    this.data.items.splice(this.data.items.indexOf(this.mustFind(id)), 1);
  }

  protected authenticate(request: RecordedRequest): string | null {
    const key = request.headers["x-api-key"];
    if (key !== undefined) return key === this.apiKey ? key : null;
    return request.authorization === `Bearer ${this.oauthToken}` ? request.authorization : null;
  }

  protected unauthorized(request: RecordedRequest): SimResponse {
    const sent = request.headers["x-api-key"] !== undefined || request.authorization !== undefined;
    return { status: 401, body: { detail: sent ? "Given API token is not valid" : "Authentication credentials were not provided." } };
  }

  protected rateHeaders(state: RateState): Record<string, string> {
    return { "x-ratelimit-remaining": String(state.remaining), "x-ratelimit-reset": String(Math.ceil(state.resetAtMs / 1000)) };
  }

  protected rateLimited(state: RateState): SimResponse {
    const seconds = retryAfterSeconds(state, this.now());
    return { status: 429, body: { detail: `Request was throttled. Expected available in ${seconds} seconds.` }, headers: { "retry-after": String(seconds) } };
  }

  protected route(request: RecordedRequest, body: unknown): SimResponse {
    const { method } = request;
    if (method === "GET" && request.path === "/api/v1/users/me/") return ok(this.renderUser(this.me));
    const match = /^\/api\/v1\/workspaces\/([^/]+)\/projects\/(?:([^/]+)\/(?:(states|work-items|issues)\/(?:([^/]+)\/(?:(comments)\/)?)?)?)?$/.exec(request.path);
    if (!match || decodeURIComponent(match[1]!) !== this.slug) return { status: 404, body: NOT_FOUND };
    const [, , projectId, collection, itemId, comments] = match;
    if (projectId === undefined) return method === "GET" ? this.page(request, this.data.projects.map((p) => ({ id: p.id, name: p.name, identifier: p.identifier }))) : notAllowed(method);
    const project = this.project(projectId);
    if (!project) return { status: 404, body: NOT_FOUND };
    if (collection === "states") return method === "GET" ? this.page(request, project.states.map((s) => ({ ...s, project: project.id }))) : notAllowed(method);
    if (collection === undefined) return { status: 404, body: NOT_FOUND };
    if (itemId === undefined) {
      if (method === "GET") return this.listItems(request, project);
      if (method === "POST") return this.createItem(project, body);
      return notAllowed(method);
    }
    const item = this.itemsOf(project.id).find((i) => i.id === itemId);
    if (!item) return { status: 404, body: NOT_FOUND };
    if (comments) return method === "POST" ? this.comment(item, body) : notAllowed(method);
    if (method === "GET") return ok(this.render(item, expansions(request)));
    if (method === "PATCH") return this.patchItem(project, item, body);
    return notAllowed(method);
  }

  /** With external_id and external_source the list endpoint answers that one item (or 404); otherwise a page. */
  private listItems(request: RecordedRequest, project: PlaneSimProject): SimResponse {
    const q = request.query;
    const externalId = q.get("external_id");
    const externalSource = q.get("external_source");
    if (externalId && externalSource) {
      const found = this.itemsOf(project.id).find((i) => i.external_id === externalId && i.external_source === externalSource);
      return found ? ok(this.render(found, expansions(request))) : { status: 404, body: NOT_FOUND };
    }
    const orderBy = q.get("order_by") ?? "-created_at";
    const field = orderBy.replace(/^-/, "") as keyof PlaneSimItem;
    const direction = orderBy.startsWith("-") ? -1 : 1;
    const items = [...this.itemsOf(project.id)].sort((a, b) => direction * String(a[field]).localeCompare(String(b[field])) || a.id.localeCompare(b.id));
    const expand = expansions(request);
    return this.page(request, items.map((item) => this.render(item, expand)));
  }

  /** Plane's cursor: "per_page:page:is_prev"; the offset is page × per_page. */
  private page(request: RecordedRequest, items: unknown[]): SimResponse {
    const perPage = Number(request.query.get("per_page") ?? DEFAULT_PER_PAGE);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      return { status: 400, body: { error: `Invalid per_page value. Cannot exceed ${MAX_PER_PAGE}.` } };
    }
    const cursor = /^(\d+):(\d+):([01])$/.exec(request.query.get("cursor") ?? `${perPage}:0:0`);
    if (!cursor) return { status: 400, body: { error: "Invalid cursor format." } };
    const page = Number(cursor[2]);
    const slice = sliceAt(items, page * perPage, perPage);
    return ok({
      grouped_by: null,
      sub_grouped_by: null,
      total_count: items.length,
      next_cursor: `${perPage}:${page + 1}:0`,
      prev_cursor: `${perPage}:${Math.max(0, page - 1)}:1`,
      next_page_results: slice.next !== null,
      prev_page_results: page > 0,
      count: slice.items.length,
      total_pages: Math.ceil(items.length / perPage),
      total_results: items.length,
      extra_stats: null,
      results: slice.items,
    });
  }

  private patchItem(project: PlaneSimProject, item: PlaneSimItem, body: unknown): SimResponse {
    const input = (body ?? {}) as { state?: unknown; name?: unknown };
    if (input.state !== undefined) {
      const state = project.states.find((s) => s.id === input.state);
      if (!state) return { status: 400, body: { error: "State is not valid please pass a valid state_id" } };
      item.state = state.id;
      // completed_at belongs to the completed group only; leaving it clears it.
      item.completed_at = state.group === "completed" ? this.isoNow() : null;
    }
    if (typeof input.name === "string") item.name = input.name;
    item.updated_at = this.isoNow();
    return ok(this.render(item, new Set()));
  }

  private createItem(project: PlaneSimProject, body: unknown): SimResponse {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.name !== "string" || input.name.trim() === "") return { status: 400, body: { name: ["This field is required."] } };
    const externalId = typeof input.external_id === "string" ? input.external_id : null;
    const externalSource = typeof input.external_source === "string" ? input.external_source : null;
    if (externalId && externalSource) {
      const existing = this.itemsOf(project.id).find((i) => i.external_id === externalId && i.external_source === externalSource);
      if (existing) return { status: 409, body: { error: "Issue with the same external id and external source already exists", id: existing.id } };
    }
    const assignees = Array.isArray(input.assignees) ? input.assignees.map(String) : [];
    if (assignees.some((id) => !this.data.users.some((u) => u.id === id))) return { status: 400, body: { assignees: ["Invalid pk - object does not exist."] } };
    const now = this.isoNow();
    const item: PlaneSimItem = {
      id: this.ids.uuid(),
      project: project.id,
      sequence_id: Math.max(0, ...this.itemsOf(project.id).map((i) => i.sequence_id)) + 1,
      name: input.name,
      description_html: typeof input.description_html === "string" ? input.description_html : "<p></p>",
      priority: "none",
      state: project.states.find((s) => s.group === "backlog")!.id,
      assignees,
      labels: [],
      start_date: null,
      target_date: typeof input.target_date === "string" ? input.target_date : null,
      completed_at: null,
      created_at: now,
      updated_at: now,
      parent: null,
      estimate_point: null,
      external_id: externalId,
      external_source: externalSource,
      comments: [],
    };
    this.data.items.push(item);
    return { status: 201, body: this.render(item, new Set()) };
  }

  private comment(item: PlaneSimItem, body: unknown): SimResponse {
    const input = (body ?? {}) as { comment_html?: unknown };
    if (typeof input.comment_html !== "string") return { status: 400, body: { comment_html: ["This field is required."] } };
    const comment = { id: this.ids.uuid(), comment_html: input.comment_html, created_at: this.isoNow() };
    item.comments.push(comment);
    const stripped = input.comment_html.replace(/<[^>]*>/g, "");
    return { status: 201, body: { ...comment, comment_stripped: stripped, issue: item.id, project: item.project, actor: this.me.id, access: "INTERNAL" } };
  }

  /** A work item as IssueSerializer gives it: related fields as ids, or objects when `expand` names them. */
  private render(item: PlaneSimItem, expand: Set<string>): Record<string, unknown> {
    const project = this.project(item.project)!;
    const state = this.stateOf(item);
    const { comments: _comments, ...fields } = item;
    return {
      ...fields,
      state: expand.has("state") ? { id: state.id, name: state.name, color: state.color, group: state.group } : state.id,
      assignees: expand.has("assignees") ? item.assignees.map((id) => this.renderUser(this.data.users.find((u) => u.id === id)!)) : item.assignees,
      labels: expand.has("labels") ? item.labels.map((id) => { const l = project.labels.find((x) => x.id === id)!; return { id: l.id, name: l.name, color: "#000000" }; }) : item.labels,
      workspace: this.slug,
      is_draft: false,
      archived_at: null,
    };
  }

  private renderUser(user: PlaneDataset["users"][number]): Record<string, unknown> {
    return { id: user.id, display_name: user.display_name, first_name: user.first_name, last_name: user.last_name, avatar: null, is_bot: false };
  }

  private project(id: string): PlaneSimProject | undefined {
    return this.data.projects.find((p) => p.id === id);
  }

  private mustFind(id: string): PlaneSimItem {
    const item = this.item(id);
    if (!item) throw new Error(`no Plane work item ${id}`);
    return item;
  }
}

function expansions(request: RecordedRequest): Set<string> {
  return new Set((request.query.get("expand") ?? "").split(",").filter(Boolean));
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

function notAllowed(method: string): SimResponse {
  return { status: 405, body: { detail: `Method "${method}" not allowed.` } };
}
