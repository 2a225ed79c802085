import { ValidationError } from "../../domain/validation-error";

/** Where one issue lives: parsed from a task's providerRef, "owner/repo#number". */
export interface IssueLocator {
  owner: string;
  repo: string;
  number: number;
}

export function parseIssueRef(providerRef: string): IssueLocator {
  const match = /^([^/#\s]+)\/([^/#\s]+)#(\d+)$/.exec(providerRef);
  if (!match) throw new ValidationError("github task ref", [{ field: "providerRef", message: "is not owner/repo#number" }]);
  return { owner: match[1] as string, repo: match[2] as string, number: Number(match[3]) };
}

/** "/repos/{owner}/{repo}" from a project's providerRef, "owner/repo". */
export function repoPath(fullName: string): string {
  const match = /^([^/#\s]+)\/([^/#\s]+)$/.exec(fullName);
  if (!match) throw new ValidationError("github project ref", [{ field: "providerRef", message: "is not owner/repo" }]);
  return `/repos/${encodeURIComponent(match[1] as string)}/${encodeURIComponent(match[2] as string)}`;
}

export function issuePath(locator: IssueLocator): string {
  return `${repoPath(`${locator.owner}/${locator.repo}`)}/issues/${locator.number}`;
}
