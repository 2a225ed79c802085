import { generateLinearDataset, type LinearDataset, type LinearDatasetOptions, type LinearSimIssue, type LinearSimTeam } from "./linear-data";
import { GraphqlSyntaxError, parseOperation, type RootField } from "./linear-graphql";
import { selectAnswer } from "./graphql-selection";
import { decodeCursor, encodeCursor } from "../base/pages";
import { ProviderSimulator, type ProviderSimulatorOptions, type RecordedRequest, type SimResponse } from "../base/provider-simulator";
import { retryAfterSeconds, type RateState } from "../base/rate-window";
import { SeededRandom } from "../base/seeded-random";

export interface LinearSimulatorOptions extends LinearDatasetOptions, ProviderSimulatorOptions {
  /** Sent raw in Authorization. Default "lin_api_simulated_key". */
  apiKey?: string;
  /** Sent as Bearer. Default "lin_oauth_simulated_token". */
  oauthToken?: string;
  /** HTTP status of a RATELIMITED answer: Linear has been seen to send 400 and 200 (and 429). Default 400. */
  rateLimitedStatus?: 200 | 400 | 429;
  /** HTTP status of an AUTHENTICATION_ERROR answer. Default 400 (GraphQL error in the body either way). */
  unauthenticatedStatus?: 400 | 401;
}

/** A webhook as the simulator keeps it (LN-schema `Webhook`, the fields webhookCreate sets). */
export interface LinearSimWebhook {
  id: string;
  url: string;
  label: string | null;
  enabled: boolean;
  resourceTypes: string[];
  secret: string;
  teamId: string | null;
  allPublicTeams: boolean;
  createdAt: string;
}

const DEFAULT_FIRST = 50;
const MAX_FIRST = 250;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GraphQL error a resolver raises: it becomes `{data: null, errors: [...]}` with `status`. */
class LinearGraphqlError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
    readonly status = 200,
  ) {
    super(message);
  }
}

const entityNotFound = (entity: string) =>
  new LinearGraphqlError(`Entity not found: ${entity}`, { type: "invalid input", code: "INPUT_ERROR", userError: true, userPresentableMessage: `Could not find referenced ${entity}.` });
const invalidInput = (message: string) => new LinearGraphqlError(message, { type: "invalid input", code: "INPUT_ERROR", userError: true, userPresentableMessage: message }, 400);

/**
 * Answers like api.linear.app/graphql for the operations our provider sends: viewer and
 * organization, teams, issues (Relay first/after, filter by team and updatedAt, includeArchived,
 * orderBy), issue(id), issueUpdate(stateId), commentCreate and issueCreate with a client-chosen
 * id. API keys go raw, OAuth tokens as Bearer. Budget in x-ratelimit-requests-* (reset in epoch
 * ms); over the limit, a RATELIMITED GraphQL error with the configured HTTP status.
 */
export class LinearSimulator extends ProviderSimulator {
  readonly apiKey: string;
  readonly oauthToken: string;
  readonly data: LinearDataset;
  /** Webhooks created through webhookCreate and not yet deleted. */
  readonly webhooks: LinearSimWebhook[] = [];
  rateLimitedStatus: 200 | 400 | 429;
  private readonly unauthenticatedStatus: 400 | 401;
  private readonly ids: SeededRandom;

  constructor(options: LinearSimulatorOptions = {}) {
    super(1500, options);
    this.apiKey = options.apiKey ?? "lin_api_simulated_key";
    this.oauthToken = options.oauthToken ?? "lin_oauth_simulated_token";
    this.rateLimitedStatus = options.rateLimitedStatus ?? 400;
    this.unauthenticatedStatus = options.unauthenticatedStatus ?? 400;
    this.data = generateLinearDataset(options);
    this.ids = new SeededRandom(`linear-writes:${String(options.seed ?? 1)}`);
  }

  get viewer() {
    return this.data.users[0]!;
  }

  issuesOf(teamId: string): LinearSimIssue[] {
    return this.data.issues.filter((issue) => issue.teamId === teamId);
  }

  issue(idOrIdentifier: string): LinearSimIssue | undefined {
    return this.data.issues.find((issue) => issue.id === idOrIdentifier || this.identifier(issue) === idOrIdentifier);
  }

  stateOf(issue: LinearSimIssue) {
    return this.team(issue.teamId)!.states.find((s) => s.id === issue.stateId)!;
  }

  /** Changes an issue as an edit in Linear would: updatedAt moves to `at` (default: the simulator's now). */
  update(id: string, changes: Partial<Omit<LinearSimIssue, "id">>, at: Date = new Date(this.now())): LinearSimIssue {
    const issue = this.mustFind(id);
    Object.assign(issue, changes, { updatedAt: at.toISOString() });
    return issue;
  }

  /** issueDelete: the issue goes to the trash (trashed, archived) for its 30-day grace. */
  trash(id: string, at: Date = new Date(this.now())): LinearSimIssue {
    return this.update(id, { trashed: true, archivedAt: at.toISOString() }, at);
  }

  /** A permanent delete: the issue is gone, and looking it up is "Entity not found". */
  remove(id: string): void {
    this.data.issues.splice(this.data.issues.indexOf(this.mustFind(id)), 1);
  }

  protected authenticate(request: RecordedRequest): string | null {
    const header = request.authorization;
    return header === this.apiKey || header === `Bearer ${this.oauthToken}` ? header : null;
  }

  protected unauthorized(): SimResponse {
    return graphqlErrors(this.unauthenticatedStatus, [
      { message: "Authentication required, not authenticated", extensions: { type: "authentication error", code: "AUTHENTICATION_ERROR", statusCode: 401, userError: true, userPresentableMessage: "You need to authenticate to access this operation." } },
    ]);
  }

  protected rateHeaders(state: RateState): Record<string, string> {
    return { "x-ratelimit-requests-limit": String(state.limit), "x-ratelimit-requests-remaining": String(state.remaining), "x-ratelimit-requests-reset": String(state.resetAtMs) };
  }

  protected rateLimited(state: RateState): SimResponse {
    const answer = graphqlErrors(this.rateLimitedStatus, [
      { message: "Rate limit exceeded", extensions: { type: "ratelimited", code: "RATELIMITED", statusCode: 429, userError: true, userPresentableMessage: "Too many requests; try again later." } },
    ]);
    return { ...answer, headers: { ...this.rateHeaders(state), "retry-after": String(retryAfterSeconds(state, this.now())) } };
  }

  protected route(request: RecordedRequest, body: unknown): SimResponse {
    if (request.path !== "/graphql") return { status: 404, body: { message: "Not found" } };
    if (request.method !== "POST") return graphqlErrors(400, [{ message: "Only POST is simulated", extensions: { code: "BAD_REQUEST" } }]);
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof query !== "string") return graphqlErrors(400, [{ message: "Must provide query string.", extensions: { code: "BAD_USER_INPUT" } }]);
    try {
      const operation = parseOperation(query, (variables ?? {}) as Record<string, unknown>);
      const data: Record<string, unknown> = {};
      for (const field of operation.fields) data[field.key] = this.resolve(operation.kind, field);
      return { status: 200, body: { data: selectAnswer(query, data) } };
    } catch (error) {
      if (error instanceof LinearGraphqlError) return graphqlErrors(error.status, [{ message: error.message, extensions: error.extensions }]);
      if (error instanceof GraphqlSyntaxError) return graphqlErrors(400, [{ message: error.message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }]);
      throw error;
    }
  }

  private resolve(kind: "query" | "mutation", field: RootField): unknown {
    const { args } = field;
    const resolvers: Record<string, () => unknown> =
      kind === "query"
        ? {
            viewer: () => ({ id: this.viewer.id, name: this.viewer.name, email: this.viewer.email }),
            organization: () => this.data.organization,
            teams: () => connection(this.data.teams, args, (t) => ({ id: t.id, name: t.name, key: t.key })),
            issues: () => this.issues(args),
            issue: () => this.render(this.mustResolve(String(args.id))),
          }
        : {
            issueUpdate: () => this.issueUpdate(String(args.id), (args.input ?? {}) as Record<string, unknown>),
            commentCreate: () => this.commentCreate((args.input ?? {}) as Record<string, unknown>),
            issueCreate: () => this.issueCreate((args.input ?? {}) as Record<string, unknown>),
            webhookCreate: () => this.webhookCreate((args.input ?? {}) as Record<string, unknown>),
            webhookDelete: () => this.webhookDelete(String(args.id)),
          };
    const resolver = resolvers[field.name];
    if (!resolver) throw new LinearGraphqlError(`Cannot query field "${field.name}" on type "${kind === "query" ? "Query" : "Mutation"}".`, { code: "GRAPHQL_VALIDATION_FAILED" }, 400);
    return resolver();
  }

  private issues(args: Record<string, unknown>): unknown {
    const filter = (args.filter ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(filter)) if (key !== "team" && key !== "updatedAt") throw invalidInput(`filter.${key} is not simulated`);
    const teamId = ((filter.team as { id?: { eq?: string } } | undefined)?.id?.eq) ?? null;
    const updated = (filter.updatedAt ?? {}) as { gt?: string; gte?: string; lt?: string };
    const orderBy = args.orderBy === "updatedAt" ? "updatedAt" : "createdAt";
    const issues = this.data.issues
      .filter((i) => teamId === null || i.teamId === teamId)
      .filter((i) => args.includeArchived === true || i.archivedAt === null)
      .filter((i) => (updated.gt === undefined || i.updatedAt > new Date(updated.gt).toISOString()) && (updated.gte === undefined || i.updatedAt >= new Date(updated.gte).toISOString()) && (updated.lt === undefined || i.updatedAt < new Date(updated.lt).toISOString()))
      .sort((a, b) => a[orderBy].localeCompare(b[orderBy]) || a.id.localeCompare(b.id));
    return connection(issues, args, (i) => this.render(i));
  }

  private issueUpdate(id: string, input: Record<string, unknown>): unknown {
    const issue = this.mustResolve(id);
    const now = this.isoNow();
    if (input.stateId !== undefined) {
      const state = this.team(issue.teamId)!.states.find((s) => s.id === input.stateId);
      if (!state) throw invalidInput("stateId: the workflow state does not belong to the issue's team");
      issue.stateId = state.id;
      issue.completedAt = state.type === "completed" ? now : null;
      issue.canceledAt = state.type === "canceled" ? now : null;
      if (state.type === "started" && issue.startedAt === null) issue.startedAt = now;
    }
    if (typeof input.title === "string") issue.title = input.title;
    issue.updatedAt = now;
    return { success: true, lastSyncId: this.now(), issue: this.render(issue) };
  }

  private commentCreate(input: Record<string, unknown>): unknown {
    if (typeof input.body !== "string") throw invalidInput("body: must be a string");
    const issue = this.mustResolve(String(input.issueId));
    const comment = { id: this.ids.uuid(), body: input.body, createdAt: this.isoNow() };
    issue.comments.push(comment);
    return { success: true, lastSyncId: this.now(), comment };
  }

  /**
   * LN-schema `webhookCreate(input: WebhookCreateInput!)`: url and resourceTypes required, one
   * team (teamId) or allPublicTeams; the secret is the caller's, or generated when omitted.
   * Answers a WebhookPayload.
   */
  private webhookCreate(input: Record<string, unknown>): unknown {
    if (typeof input.url !== "string" || !/^https?:\/\//.test(input.url)) throw invalidInput("url: must be a URL");
    const types = input.resourceTypes;
    if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === "string")) throw invalidInput("resourceTypes: must be a non-empty list");
    const teamId = input.teamId === undefined ? null : String(input.teamId);
    if (teamId === null && input.allPublicTeams !== true) throw invalidInput("teamId or allPublicTeams is required");
    if (teamId !== null && !this.team(teamId)) throw entityNotFound("Team");
    const webhook: LinearSimWebhook = {
      id: this.ids.uuid(),
      url: input.url,
      label: typeof input.label === "string" ? input.label : null,
      enabled: input.enabled !== false,
      resourceTypes: types as string[],
      secret: typeof input.secret === "string" ? input.secret : `lin_wh_${this.ids.hex(32)}`,
      teamId,
      allPublicTeams: teamId === null,
      createdAt: this.isoNow(),
    };
    this.webhooks.push(webhook);
    return { success: true, lastSyncId: this.now(), webhook: { ...webhook, team: teamId === null ? null : { id: teamId } } };
  }

  /** LN-schema `webhookDelete(id: String!)`: a DeletePayload; an unknown id is "Entity not found". */
  private webhookDelete(id: string): unknown {
    const index = this.webhooks.findIndex((hook) => hook.id === id);
    if (index < 0) throw entityNotFound("Webhook");
    this.webhooks.splice(index, 1);
    return { success: true, lastSyncId: this.now(), entityId: id };
  }

  private issueCreate(input: Record<string, unknown>): unknown {
    const team = this.team(String(input.teamId));
    if (!team) throw entityNotFound("Team");
    if (typeof input.title !== "string") throw invalidInput("title: must be a string");
    if (input.id !== undefined) {
      if (typeof input.id !== "string" || !UUID.test(input.id)) throw invalidInput("id: must be a UUID");
      // Linear keeps ids unique; a second create with the same id is refused (wording unconfirmed).
      if (this.data.issues.some((i) => i.id === input.id)) throw invalidInput("Issue with this id already exists");
    }
    if (input.assigneeId !== undefined && !this.data.users.some((u) => u.id === input.assigneeId)) throw entityNotFound("User");
    const now = this.isoNow();
    const issue: LinearSimIssue = {
      id: typeof input.id === "string" ? input.id : this.ids.uuid(),
      teamId: team.id,
      number: Math.max(0, ...this.issuesOf(team.id).map((i) => i.number)) + 1,
      title: input.title,
      description: typeof input.description === "string" ? input.description : null,
      priority: typeof input.priority === "number" ? input.priority : 0,
      estimate: null,
      dueDate: typeof input.dueDate === "string" ? input.dueDate : null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      completedAt: null,
      canceledAt: null,
      archivedAt: null,
      trashed: false,
      stateId: team.states.find((s) => s.type === "unstarted")!.id,
      assigneeId: typeof input.assigneeId === "string" ? input.assigneeId : null,
      labels: [],
      parentId: null,
      comments: [],
    };
    this.data.issues.push(issue);
    return { success: true, lastSyncId: this.now(), issue: this.render(issue) };
  }

  /** An issue with every field our queries select, the team's workflow states included. */
  private render(issue: LinearSimIssue): Record<string, unknown> {
    const team = this.team(issue.teamId)!;
    return {
      ...this.sharedIssueFields(issue),
      trashed: issue.trashed,
      labels: { nodes: issue.labels.map((name) => ({ name })) },
      parent: issue.parentId === null ? null : { id: issue.parentId },
      team: { id: team.id, states: { nodes: team.states } },
    };
  }

  /** The fields a GraphQL `Issue` and a webhook's `IssueWebhookPayload` carry alike (linear-webhooks.ts adds the payload's own). */
  sharedIssueFields(issue: LinearSimIssue) {
    const state = this.stateOf(issue);
    const assignee = issue.assigneeId === null ? null : (this.data.users.find((u) => u.id === issue.assigneeId) ?? null);
    const identifier = this.identifier(issue);
    return {
      id: issue.id,
      identifier,
      number: issue.number,
      title: issue.title,
      description: issue.description,
      url: `https://linear.app/${this.data.organization.urlKey}/issue/${identifier}`,
      priority: issue.priority,
      estimate: issue.estimate,
      dueDate: issue.dueDate,
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      startedAt: issue.startedAt,
      completedAt: issue.completedAt,
      canceledAt: issue.canceledAt,
      archivedAt: issue.archivedAt,
      state: { id: state.id, name: state.name, type: state.type },
      assignee: assignee === null ? null : { id: assignee.id, name: assignee.name },
    };
  }

  private identifier(issue: LinearSimIssue): string {
    return `${this.team(issue.teamId)!.key}-${issue.number}`;
  }

  private team(id: string): LinearSimTeam | undefined {
    return this.data.teams.find((t) => t.id === id);
  }

  private mustResolve(idOrIdentifier: string): LinearSimIssue {
    const issue = this.issue(idOrIdentifier);
    if (!issue) throw entityNotFound("Issue");
    return issue;
  }

  private mustFind(id: string): LinearSimIssue {
    const issue = this.issue(id);
    if (!issue) throw new Error(`no Linear issue ${id}`);
    return issue;
  }
}

/** A Relay connection over `nodes`; the cursor is the last node's id, so edits never shift a saved cursor. */
function connection<T extends { id: string }>(nodes: T[], args: Record<string, unknown>, render: (node: T) => unknown): unknown {
  const first = args.first === undefined || args.first === null ? DEFAULT_FIRST : Number(args.first);
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) throw invalidInput(`first: must be between 0 and ${MAX_FIRST}`);
  let start = 0;
  if (typeof args.after === "string") {
    const cursor = decodeCursor(args.after);
    const index = nodes.findIndex((node) => node.id === cursor?.id);
    if (index < 0) throw invalidInput("after: cursor not found");
    start = index + 1;
  }
  const page = nodes.slice(start, start + first);
  return {
    nodes: page.map(render),
    pageInfo: {
      hasNextPage: start + first < nodes.length,
      hasPreviousPage: start > 0,
      startCursor: page.length > 0 ? encodeCursor({ id: page[0]!.id }) : null,
      endCursor: page.length > 0 ? encodeCursor({ id: page.at(-1)!.id }) : null,
    },
  };
}

function graphqlErrors(status: number, errors: Array<{ message: string; extensions: Record<string, unknown> }>): SimResponse {
  return { status, body: { data: null, errors } };
}
