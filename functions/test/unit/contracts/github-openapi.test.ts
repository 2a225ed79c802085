/*
 * GitHub contract: every request the GitHub provider sends to the simulator, and every answer the
 * simulator gives, is checked against GitHub's OpenAPI description (the operations we call, cut
 * from @octokit/openapi into packages/simulators/src/github/github-openapi-subset.json by
 * scripts/extract-github-openapi.mjs). A query parameter GitHub does not take, a body GitHub
 * would refuse, or a simulated answer missing a field GitHub always sends fails here.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { githubProvider } from "../../../src/providers/github";
import { GitHubCommentSchema, GitHubIssueSchema, GitHubRepositoryListSchema, GitHubUserSchema } from "../../../src/providers/github/schemas";
import type { ProjectInfo, ProviderSession } from "../../../src/providers/provider";
import { GITHUB_OPENAPI_SUBSET as subset, GitHubSimulator, type SimExchange } from "@taskbridge/simulators";
import { collect, simulatorSession } from "../simulators/simulator-session";

interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody: unknown;
  responses: Record<string, { schema: unknown; example: unknown }>;
}
const operations = subset.operations as unknown as Record<string, Operation>;

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: the schema or null. (Ajv reads `nullable` only
 * beside a `type`, and GitHub puts it beside `allOf`/`anyOf` too.)
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  return nullable === true ? { anyOf: [converted, { type: "null" }] } : converted;
}

// Unknown keywords (discriminator, x-github, ...) are annotations to JSON Schema.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "github", components: toJsonSchema(subset.components) });

const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: unknown): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    const rebased = JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"github#/components/')) as object;
    fn = ajv.compile(rebased);
    compiled.set(key, fn);
  }
  return fn;
}

/** The documented operation a request is, by method and path template. */
function operationOf(method: string, path: string): [string, Operation] | undefined {
  // A literal segment beats a placeholder: /user/repos is not /user/{account_id}.
  const byLiteralness = Object.entries(operations).sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return byLiteralness.find(([key]) => {
    const [m, template] = key.split(" ") as [string, string];
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return m === method && pattern.test(path);
  });
}

function problemsOf(exchange: SimExchange): string[] {
  const { request, body, response } = exchange;
  const found = operationOf(request.method, request.path);
  if (!found) return [`${request.method} ${request.path}: not an operation the provider is known to call`];
  const [key, op] = found;
  const problems: string[] = [];
  const query = op.parameters.filter((p) => p.in === "query");
  for (const [name, value] of request.query) {
    const param = query.find((p) => p.name === name);
    if (!param) {
      problems.push(`${key}: query parameter ${name} is not documented`);
      continue;
    }
    const typed = /^-?\d+$/.test(value) && (param.schema as { type?: string }).type === "integer" ? Number(value) : value;
    const check = validator(`${key} ?${name}`, param.schema);
    if (!check(typed)) problems.push(`${key}: ${name}=${value}: ${ajv.errorsText(check.errors)}`);
  }
  if (body !== undefined && op.requestBody) {
    const check = validator(`${key} body`, op.requestBody);
    if (!check(body)) problems.push(`${key} request body: ${ajv.errorsText(check.errors)}`);
  }
  const documented = op.responses[String(response.status)];
  if (response.status >= 200 && response.status < 300) {
    if (!documented) problems.push(`${key}: status ${response.status} is not documented`);
    else if (documented.schema) {
      const check = validator(`${key} ${response.status}`, documented.schema);
      if (!check(response.body)) problems.push(`${key} ${response.status} answer: ${ajv.errorsText(check.errors?.slice(0, 5))}`);
    }
  }
  return problems;
}

describe(`GitHub requests and simulator answers against ${subset.source.split(" ")[0]}`, () => {
  const sim = new GitHubSimulator();
  const REPO = "acme/contract";
  let session: ProviderSession;
  let project: ProjectInfo;

  beforeAll(async () => {
    await sim.start();
    sim.addRepo(REPO);
    sim.addIssues(REPO, 130, new Date(Date.now() - 24 * 3600 * 1000));
    sim.addIssues(REPO, 1, new Date(), { isPullRequest: true, milestoneDueOn: "2026-04-01T07:00:00Z" });
    session = simulatorSession(githubProvider, sim.baseUrl, sim.token, "personal", { id: "1", name: "octocat", workspaces: [] });
    await githubProvider.identify(session);
    project = (await githubProvider.listProjects(session)).find((p) => p.name === REPO)!;
    const tasks = (await collect(githubProvider.listTasks(session, project, { since: null, checkpoint: null }))).flatMap((page) => page.tasks);
    await collect(githubProvider.listTasks(session, project, { since: new Date(Date.now() - 3600 * 1000), checkpoint: null }));
    const ref = { externalId: tasks[0]!.externalId, providerRef: tasks[0]!.providerRef, project };
    await githubProvider.getTask(session, ref);
    await githubProvider.complete(session, ref);
    await githubProvider.comment(session, ref, "A comment");
    await githubProvider.create(session, project, { title: "Created", description: "Body", assignees: [], dueAt: null, clientRequestId: null });
    const registration = githubProvider.webhookRegistration!;
    const hook = await registration.create(session, registration.scopes(session, [project])[0]!, { url: "https://example.test/webhooks/github", secret: "s" });
    await registration.remove(session, hook);
  });
  afterAll(() => sim.stop());

  it("exercised every operation the subset holds", () => {
    const called = new Set(sim.exchanges.map((x) => operationOf(x.request.method, x.request.path)?.[0]));
    expect([...called].filter(Boolean).sort()).toEqual(Object.keys(operations).filter((k) => k !== "GET /user/{account_id}").sort());
  });

  it("sends only documented parameters and bodies, and answers as GitHub documents", () => {
    expect(sim.exchanges.flatMap(problemsOf)).toEqual([]);
  });

  it("catches an answer missing a field GitHub always sends (the check can fail)", () => {
    const exchange = sim.exchanges.find((x) => x.request.path === "/user")!;
    const { node_id: _nodeId, ...user } = exchange.response.body as Record<string, unknown>;
    expect(problemsOf({ ...exchange, response: { ...exchange.response, body: user } })).toEqual([expect.stringContaining("must have required property 'node_id'")]);
  });
});

describe("our GitHub zod schemas accept GitHub's documented answers", () => {
  const example = (operation: string, status: string) => operations[operation]!.responses[status]!.example;

  it.each([
    ["GET /user", "200", GitHubUserSchema],
    ["GET /user/{account_id}", "200", GitHubUserSchema],
    ["GET /user/repos", "200", GitHubRepositoryListSchema],
    ["POST /repos/{owner}/{repo}/issues", "201", GitHubIssueSchema],
    ["PATCH /repos/{owner}/{repo}/issues/{issue_number}", "200", GitHubIssueSchema],
    ["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", "201", GitHubCommentSchema],
  ] as const)("%s %s", (operation, status, schema) => {
    const parsed = schema.safeParse(example(operation, status));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("accepts every element of the documented issue list", () => {
    for (const item of example("GET /repos/{owner}/{repo}/issues", "200") as unknown[]) expect(GitHubIssueSchema.safeParse(item).success).toBe(true);
  });
});
