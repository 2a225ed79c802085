import type { Account } from "../../domain/integration";
import type { TaskDraft } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import { NotFoundError } from "../../http/errors";
import { linkHeaderPages } from "../../http/paginate";
import type { ListTasksOptions, ProjectInfo, ProviderSession, TaskPage, TaskRef } from "../provider";
import { toDraft } from "./normalize";
import { ParentResolver } from "./parents";
import { issuePath, parseIssueRef, repoPath } from "./refs";
import {
  GitHubIssueListSchema,
  GitHubIssueSchema,
  GitHubRepositoryListSchema,
  GitHubUserSchema,
  type GitHubIssue,
} from "./schemas";

const PER_PAGE = 100;

/** The user the token acts for. GitHub needs no workspace scoping: repositories are listed per user. */
export async function identify(session: ProviderSession): Promise<Account> {
  const res = await session.http.request({ method: "GET", path: "/user", schema: GitHubUserSchema });
  return { id: String(res.data.id), name: res.data.login, workspaces: [] };
}

/**
 * Every repository the token can see (owned, collaborator, organization member). Repositories
 * with issues turned off are left out: their issues endpoint only answers 410.
 */
export async function listProjects(session: ProviderSession): Promise<ProjectInfo[]> {
  const projects: ProjectInfo[] = [];
  const pages = linkHeaderPages(
    session.http,
    { method: "GET", path: "/user/repos", query: { per_page: PER_PAGE, sort: "full_name" }, schema: GitHubRepositoryListSchema },
    null,
  );
  for await (const page of pages) {
    for (const repo of page.data) {
      if (repo.has_issues === false) continue;
      projects.push({ externalId: String(repo.id), name: repo.full_name, url: repo.html_url, providerRef: repo.full_name });
    }
  }
  return projects;
}

/**
 * Issues of one repository, pull requests removed. Ordered by creation, oldest first: an issue
 * edited during the pass keeps its place, so page boundaries do not shift and nothing is skipped
 * (ordering by update time would move it to the end and push another issue past us). `since`
 * filters on update time server-side; the checkpoint is the Link header's next URL.
 */
export async function* listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncGenerator<TaskPage> {
  const parents = new ParentResolver(session.http);
  const pages = linkHeaderPages(
    session.http,
    {
      method: "GET",
      path: `${repoPath(project.providerRef)}/issues`,
      operation: "/repos/{owner}/{repo}/issues",
      query: { state: "all", sort: "created", direction: "asc", per_page: PER_PAGE, since: options.since?.toISOString() },
      schema: GitHubIssueListSchema,
    },
    options.checkpoint,
  );
  for await (const page of pages) {
    const issues = page.data.filter((item) => !isPullRequest(item)).map((item) => parseOrThrow(GitHubIssueSchema, item, "github issue"));
    parents.remember(issues);
    const tasks: TaskDraft[] = [];
    for (const issue of issues) tasks.push(await parents.withParent(issue, toDraft(issue)));
    yield { tasks, nextCheckpoint: page.next };
  }
}

/** One issue, or null when it is gone (404, 410 once deleted) or is a pull request. */
export async function getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null> {
  const issue = await fetchIssue(session, ref.providerRef);
  return issue === null ? null : draftOf(session, issue);
}

/** The raw issue behind a providerRef, or null when GitHub no longer has it. */
export async function fetchIssue(session: ProviderSession, providerRef: string): Promise<GitHubIssue | null> {
  try {
    const res = await session.http.request({
      method: "GET",
      path: issuePath(parseIssueRef(providerRef)),
      operation: "/repos/{owner}/{repo}/issues/{number}",
      schema: GitHubIssueSchema,
    });
    return res.data.pull_request === undefined ? res.data : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** An issue as a draft with its parent resolved. */
export function draftOf(session: ProviderSession, issue: GitHubIssue): Promise<TaskDraft> {
  return new ParentResolver(session.http).withParent(issue, toDraft(issue));
}

function isPullRequest(item: unknown): boolean {
  return typeof item === "object" && item !== null && "pull_request" in item;
}
