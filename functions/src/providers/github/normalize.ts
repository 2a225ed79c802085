import type { TaskDraft, TaskStatus } from "../../domain/task";
import { parseOrThrow, ValidationError } from "../../domain/validation-error";
import { GitHubIssueSchema, type GitHubIssue } from "./schemas";

/** Closing reasons that mean the work was not done. */
const CANCELLED_REASONS = new Set(["not_planned", "duplicate"]);

/**
 * A GitHub issue in our vocabulary. The parent is left null here: the issue only carries its
 * parent's URL, and turning that into the parent's id takes a request (api.ts does it).
 */
export function normalizeGitHubIssue(raw: unknown): TaskDraft {
  return toDraft(parseOrThrow(GitHubIssueSchema, raw, "github issue"));
}

export function toDraft(issue: GitHubIssue): TaskDraft {
  const reason = issue.state_reason ?? null;
  return {
    externalId: String(issue.id),
    providerRef: `${repoFullName(issue.repository_url)}#${issue.number}`,
    title: issue.title,
    description: issue.body ?? null,
    url: issue.html_url,
    status: statusOf(issue.state, reason),
    // The closing reason says more than "closed" alone, so it is kept beside the state.
    providerStatus: issue.state === "closed" && reason ? `closed:${reason}` : issue.state,
    assignees: (issue.assignees ?? []).map((user) => ({ id: String(user.id), name: user.login })),
    labels: (issue.labels ?? []).map((label) => (typeof label === "string" ? label : label.name)),
    priority: null,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    startAt: null,
    dueAt: issue.milestone?.due_on ?? null,
    completedAt: issue.state === "closed" ? (issue.closed_at ?? null) : null,
    timeSpentMinutes: null,
    timeEstimateMinutes: null,
    estimatePoints: null,
    parentExternalId: null,
  };
}

/** open → todo; closed as not planned or duplicate → cancelled; any other close (completed, or none on old issues) → done. */
export function statusOf(state: "open" | "closed", reason: string | null): TaskStatus {
  if (state === "open") return "todo";
  return reason !== null && CANCELLED_REASONS.has(reason) ? "cancelled" : "done";
}

/** "owner/repo" from an API repository URL, on github.com or a GHES host (".../api/v3/repos/owner/repo"). */
export function repoFullName(repositoryUrl: string): string {
  const match = /\/repos\/([^/]+)\/([^/?#]+)\/?$/.exec(new URL(repositoryUrl).pathname);
  // The schema already required this shape; reaching here means a caller skipped it.
  if (!match) throw new ValidationError("github issue", [{ field: "repository_url", message: "has no /repos/{owner}/{repo}" }]);
  return `${match[1]}/${match[2]}`;
}
