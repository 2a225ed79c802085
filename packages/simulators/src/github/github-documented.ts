/*
 * GitHub's documented answers (the examples of its OpenAPI description, as
 * packages/simulators/src/github/github-openapi-subset.json carries them from @octokit/openapi): the
 * GitHub simulator renders every record from these, replacing only the fields it simulates, so
 * its answers have every field GitHub documents and the contract test can hold them to the schema.
 */
import subset from "./github-openapi-subset.json";

type Json = Record<string, unknown>;

function example(operation: string, status: string): unknown {
  const responses = (subset.operations as Record<string, { responses: Record<string, { example: unknown }> }>)[operation]?.responses;
  const value = responses?.[status]?.example;
  if (value === undefined || value === null) throw new Error(`github-openapi-subset.json has no example for ${operation} ${status}`);
  return structuredClone(value);
}

const ISSUE = example("PATCH /repos/{owner}/{repo}/issues/{issue_number}", "200") as Json;

/** A deep copy of a documented record, so a simulated one never shares nested objects with another. */
export const documented = {
  /** GET /user (private-user). */
  authenticatedUser: (): Json => example("GET /user", "200") as Json,
  /** One element of GET /user/repos (repository). */
  repository: (): Json => (example("GET /user/repos", "200") as Json[])[0]!,
  /** An issue without its pull_request key (the example documents a pull request). */
  issue: (): Json => {
    const { pull_request: _pullRequest, ...issue } = structuredClone(ISSUE);
    return issue;
  },
  pullRequestRef: (): Json => structuredClone(ISSUE.pull_request) as Json,
  /** simple-user, as an issue's assignee. */
  simpleUser: (): Json => structuredClone(ISSUE.assignee) as Json,
  label: (): Json => structuredClone((ISSUE.labels as Json[])[0]!),
  milestone: (): Json => structuredClone(ISSUE.milestone) as Json,
  /** POST /repos/{owner}/{repo}/issues/{issue_number}/comments (issue-comment). */
  issueComment: (): Json => example("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", "201") as Json,
  /** POST /repos/{owner}/{repo}/hooks (hook). */
  hook: (): Json => example("POST /repos/{owner}/{repo}/hooks", "201") as Json,
};
