import type { TaskDraft } from "../../domain/task";
import { NotFoundError } from "../../http/errors";
import type { CompleteResult, CreateTaskInput, ProjectInfo, ProviderSession, TaskRef } from "../provider";
import { draftOf, fetchIssue } from "./api";
import { issuePath, parseIssueRef, repoPath } from "./refs";
import { GitHubCommentSchema, GitHubIssueSchema, GitHubUserSchema } from "./schemas";

/**
 * Closes the issue as completed. An issue already closed (for whatever reason) is a conflict:
 * closing it again would rewrite a "not planned" into "completed".
 */
export async function complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult> {
  const current = await fetchIssue(session, ref.providerRef);
  if (current === null) throw notFound(session, "GET /repos/{owner}/{repo}/issues/{number}");
  if (current.state === "closed") return { conflict: true, currentState: await draftOf(session, current) };
  const res = await session.http.request({
    method: "PATCH",
    path: issuePath(parseIssueRef(ref.providerRef)),
    operation: "/repos/{owner}/{repo}/issues/{number}",
    json: { state: "closed", state_reason: "completed" },
    schema: GitHubIssueSchema,
  });
  return { conflict: false, task: await draftOf(session, res.data) };
}

export async function comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }> {
  const res = await session.http.request({
    method: "POST",
    path: `${issuePath(parseIssueRef(ref.providerRef))}/comments`,
    operation: "/repos/{owner}/{repo}/issues/{number}/comments",
    json: { body: text },
    schema: GitHubCommentSchema,
  });
  return { commentId: String(res.data.id) };
}

/**
 * Opens an issue. GitHub issues have no due date (only milestones do) and no idempotency key,
 * so `dueAt` and `clientRequestId` cannot be sent.
 */
export async function create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft> {
  const res = await session.http.request({
    method: "POST",
    path: `${repoPath(project.providerRef)}/issues`,
    operation: "/repos/{owner}/{repo}/issues",
    json: {
      title: input.title,
      ...(input.description === null ? {} : { body: input.description }),
      ...(input.assignees.length === 0 ? {} : { assignees: await logins(session, input.assignees) }),
    },
    schema: GitHubIssueSchema,
  });
  return draftOf(session, res.data);
}

/**
 * Our assignee ids are GitHub's numeric user ids (stable across renames), but the issues API
 * assigns by login, so each id is looked up; a value that is not numeric is taken as a login.
 */
async function logins(session: ProviderSession, ids: string[]): Promise<string[]> {
  const result: string[] = [];
  for (const id of ids) {
    if (!/^\d+$/.test(id)) {
      result.push(id);
      continue;
    }
    const res = await session.http.request({ method: "GET", path: `/user/${id}`, operation: "/user/{account_id}", schema: GitHubUserSchema });
    result.push(res.data.login);
  }
  return result;
}

function notFound(session: ProviderSession, operation: string): NotFoundError {
  return new NotFoundError({ provider: session.http.provider, operation, status: 404, providerMessage: null });
}
