import { ProviderSimulator, type RecordedRequest, type SimResponse } from "../base/provider-simulator";
import type { RateState } from "../base/rate-window";
import { documented } from "./github-documented";
import { GitHubQuota } from "./github-quota";

interface SimRepo {
  id: number;
  fullName: string;
}

/** A repository webhook created through POST /repos/{owner}/{repo}/hooks. */
export interface SimHook {
  id: number;
  repo: string;
  events: string[];
  config: { url: string; content_type: string; secret?: string; insecure_ssl?: string };
}

export interface SimIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  milestoneDueOn: string | null;
  isPullRequest: boolean;
}

/**
 * Answers like api.github.com for what the sync reads: the token's user, its repositories and
 * their issues, with `since`, `per_page`/`page` and Link-header pagination, rate-limit headers
 * (GitHubQuota), and 401 for any other token.
 */
export class GitHubSimulator extends ProviderSimulator {
  token = "ghp_simulated_token";
  private readonly repos: SimRepo[] = [];
  private readonly issues = new Map<string, SimIssue[]>();
  readonly hooks: SimHook[] = [];
  private nextId = 1000;
  /** Comments posted through the API, for tests to assert. */
  readonly comments: Array<{ issueId: number; body: string }> = [];

  constructor() {
    super((now) => new GitHubQuota(now));
  }

  addRepo(fullName: string): SimRepo {
    const repo = { id: this.nextId++, fullName };
    this.repos.push(repo);
    this.issues.set(fullName, []);
    return repo;
  }

  addIssues(fullName: string, count: number, at: Date, overrides: Partial<SimIssue> = {}): SimIssue[] {
    const list = this.issues.get(fullName)!;
    const added: SimIssue[] = [];
    for (let i = 0; i < count; i += 1) {
      const created = new Date(at.getTime() + list.length * 1000).toISOString();
      const issue: SimIssue = {
        id: this.nextId++,
        number: list.length + 1,
        title: `Issue ${list.length + 1} of ${fullName}`,
        body: `Body of issue ${list.length + 1}`,
        state: "open",
        state_reason: null,
        labels: ["bug"],
        assignees: ["octocat"],
        created_at: created,
        updated_at: created,
        closed_at: null,
        milestoneDueOn: null,
        isPullRequest: false,
        ...overrides,
      };
      list.push(issue);
      added.push(issue);
    }
    return added;
  }

  /** The repository's numeric id, as webhook payloads carry it. */
  repoId(fullName: string): number {
    const repo = this.repos.find((r) => r.fullName === fullName);
    if (!repo) throw new Error(`no repository ${fullName}`);
    return repo.id;
  }

  issuesOf(fullName: string): SimIssue[] {
    return this.issues.get(fullName)!;
  }

  update(issue: SimIssue, changes: Partial<SimIssue>, at: Date): void {
    Object.assign(issue, changes, { updated_at: at.toISOString() });
  }

  remove(fullName: string, issue: SimIssue): void {
    const list = this.issues.get(fullName)!;
    list.splice(list.indexOf(issue), 1);
  }

  protected authenticate(request: RecordedRequest): string | null {
    return request.authorization === `Bearer ${this.token}` ? this.token : null;
  }

  protected unauthorized(): SimResponse {
    return { status: 401, body: { message: "Bad credentials" } };
  }

  protected rateHeaders(state: RateState): Record<string, string> {
    return { "x-ratelimit-remaining": String(state.remaining), "x-ratelimit-reset": String(Math.floor(state.resetAtMs / 1000)) };
  }

  /** GitHub's answer to a spent primary limit (GitHubQuota never spends; a test simulates it with fail()). */
  protected rateLimited(state: RateState): SimResponse {
    return { status: 403, body: { message: "API rate limit exceeded" }, headers: { ...this.rateHeaders(state), "x-ratelimit-remaining": "0" } };
  }

  protected route(request: RecordedRequest, body: unknown): SimResponse {
    if (request.path === "/user") return { status: 200, body: { ...documented.authenticatedUser(), id: 1, login: "octocat" } };
    if (request.path === "/user/repos") {
      const repos = this.repos.map((repo) => this.renderRepo(repo));
      return this.paged(request, repos);
    }
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(request.path);
    if (list && this.issues.has(list[1]!) && request.method === "POST") return this.createIssue(list[1]!, body);
    if (list && this.issues.has(list[1]!)) {
      const since = request.query.get("since");
      const items = [...this.issues.get(list[1]!)!]
        .filter((issue) => !since || issue.updated_at >= since)
        .sort((a, b) => a.created_at.localeCompare(b.created_at))
        .map((issue) => this.render(list[1]!, issue));
      return this.paged(request, items);
    }
    const hooks = /^\/repos\/([^/]+\/[^/]+)\/hooks(?:\/(\d+))?$/.exec(request.path);
    if (hooks && this.issues.has(hooks[1]!)) return this.hookRoute(request, hooks[1]!, hooks[2], body);
    const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/.exec(request.path);
    const found = one && this.issues.get(one[1]!)?.find((issue) => issue.number === Number(one[2]));
    if (one && found && request.method === "PATCH") return this.patchIssue(one[1]!, found, body);
    if (one && found) return { status: 200, body: this.render(one[1]!, found) };
    const comments = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(request.path);
    const commented = comments && this.issues.get(comments[1]!)?.find((issue) => issue.number === Number(comments[2]));
    if (comments && commented && request.method === "POST") {
      const text = (body as { body?: unknown } | undefined)?.body;
      if (typeof text !== "string" || text.length === 0) return { status: 422, body: { message: "Validation Failed" } };
      this.comments.push({ issueId: commented.id, body: text });
      const id = this.nextId++;
      const html = `https://github.com/${comments[1]!}/issues/${commented.number}#issuecomment-${id}`;
      const now = new Date().toISOString();
      return {
        status: 201,
        body: { ...documented.issueComment(), id, body: text, url: `${this.baseUrl}/repos/${comments[1]!}/issues/comments/${id}`, html_url: html, issue_url: `${this.baseUrl}/repos/${comments[1]!}/issues/${commented.number}`, created_at: now, updated_at: now },
      };
    }
    return { status: 404, body: { message: "Not Found" } };
  }

  /** POST /repos/{owner}/{repo}/issues: title required, body and assignees optional. */
  private createIssue(repo: string, body: unknown): SimResponse {
    const input = body as { title?: unknown; body?: unknown; assignees?: unknown } | undefined;
    if (typeof input?.title !== "string" || input.title.length === 0) return { status: 422, body: { message: "Validation Failed" } };
    const [issue] = this.addIssues(repo, 1, new Date(), {
      title: input.title,
      body: typeof input.body === "string" ? input.body : null,
      assignees: Array.isArray(input.assignees) ? input.assignees.map(String) : [],
      labels: [],
    });
    const now = new Date().toISOString();
    Object.assign(issue!, { created_at: now, updated_at: now });
    return { status: 201, body: this.render(repo, issue!) };
  }

  /** PATCH /repos/{owner}/{repo}/issues/{number}: state, state_reason, title, body. */
  private patchIssue(repo: string, issue: SimIssue, body: unknown): SimResponse {
    const input = (body ?? {}) as { state?: unknown; state_reason?: unknown; title?: unknown; body?: unknown };
    if (input.state !== undefined && input.state !== "open" && input.state !== "closed") return { status: 422, body: { message: "Validation Failed" } };
    const now = new Date().toISOString();
    if (input.state === "closed" && issue.state !== "closed") Object.assign(issue, { state: "closed", closed_at: now, state_reason: typeof input.state_reason === "string" ? input.state_reason : "completed" });
    if (input.state === "open") Object.assign(issue, { state: "open", closed_at: null, state_reason: "reopened" });
    if (typeof input.title === "string") issue.title = input.title;
    if (typeof input.body === "string") issue.body = input.body;
    issue.updated_at = now;
    return { status: 200, body: this.render(repo, issue) };
  }

  /** Repository webhooks: create (the body as GitHub documents it) and delete. */
  private hookRoute(request: RecordedRequest, repo: string, id: string | undefined, body: unknown): SimResponse {
    if (request.method === "POST" && id === undefined) {
      const input = body as { name?: string; events?: string[]; config?: SimHook["config"] };
      if (input?.name !== "web" || !input.config?.url) return { status: 422, body: { message: "Validation Failed" } };
      const hook: SimHook = { id: this.nextId++, repo, events: input.events ?? ["push"], config: input.config };
      this.hooks.push(hook);
      const url = `${this.baseUrl}/repos/${repo}/hooks/${hook.id}`;
      return {
        status: 201,
        body: { ...documented.hook(), id: hook.id, type: "Repository", name: "web", active: true, events: hook.events, config: { ...hook.config, secret: "********" }, url, test_url: `${url}/test`, ping_url: `${url}/pings`, deliveries_url: `${url}/deliveries` },
      };
    }
    const index = this.hooks.findIndex((hook) => hook.repo === repo && String(hook.id) === id);
    if (request.method === "DELETE" && index >= 0) {
      this.hooks.splice(index, 1);
      return { status: 204 };
    }
    return { status: 404, body: { message: "Not Found" } };
  }

  private paged(request: RecordedRequest, items: unknown[]): SimResponse {
    const perPage = Math.min(100, Number(request.query.get("per_page") ?? 30));
    const page = Number(request.query.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    if (page * perPage < items.length) {
      const next = new URLSearchParams(request.query);
      next.set("page", String(page + 1));
      links.push(`<${this.baseUrl}${request.path}?${next.toString()}>; rel="next"`);
    }
    return { status: 200, body: slice, ...(links.length ? { headers: { link: links.join(", ") } } : {}) };
  }

  /**
   * The issue as the REST API (and an `issues` webhook payload) shows it: GitHub's documented
   * issue with the simulated fields in place (github-documented.ts).
   */
  render(fullName: string, issue: SimIssue): Record<string, unknown> {
    const api = `${this.baseUrl}/repos/${fullName}`;
    const url = `${api}/issues/${issue.number}`;
    const assignees = issue.assignees.map((login, index) => ({ ...documented.simpleUser(), id: 100 + index, login }));
    return {
      ...documented.issue(),
      id: issue.id,
      node_id: Buffer.from(`Issue${issue.id}`).toString("base64"),
      number: issue.number,
      title: issue.title,
      body: issue.body,
      html_url: `https://github.com/${fullName}/issues/${issue.number}`,
      url,
      repository_url: api,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      state: issue.state,
      state_reason: issue.state_reason,
      locked: false,
      active_lock_reason: null,
      assignee: assignees[0] ?? null,
      assignees,
      labels: issue.labels.map((name, index) => ({ ...documented.label(), id: 1 + index, name })),
      milestone: issue.milestoneDueOn ? { ...documented.milestone(), due_on: issue.milestoneDueOn } : null,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      closed_by: issue.state === "closed" ? documented.simpleUser() : null,
      ...(issue.isPullRequest ? { pull_request: { ...documented.pullRequestRef(), url: `${api}/pulls/${issue.number}` } } : {}),
    };
  }

  /** A repository as GET /user/repos lists it: GitHub's documented repository with this one's names and id. */
  private renderRepo(repo: SimRepo): Record<string, unknown> {
    const [owner, name] = repo.fullName.split("/") as [string, string];
    const template = documented.repository();
    return {
      ...template,
      id: repo.id,
      name,
      full_name: repo.fullName,
      html_url: `https://github.com/${repo.fullName}`,
      url: `${this.baseUrl}/repos/${repo.fullName}`,
      owner: { ...(template.owner as Record<string, unknown>), login: owner },
      has_issues: true,
    };
  }
}
