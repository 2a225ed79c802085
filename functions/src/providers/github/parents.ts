import { z } from "zod";
import type { TaskDraft } from "../../domain/task";
import { NotFoundError } from "../../http/errors";
import type { HttpClient } from "../../http/client";
import type { GitHubIssue } from "./schemas";

const ParentSchema = z.object({ id: z.number().int() });

/**
 * Turns a sub-issue's `parent_issue_url` into the parent's global id, which is what our ids are
 * made of. A parent on the same page costs nothing; any other is fetched once per resolver (one
 * sync pass), since many sub-issues usually share a parent.
 */
export class ParentResolver {
  private readonly known = new Map<string, string | null>();

  constructor(private readonly http: HttpClient) {}

  /** Makes the issues of one page known, so their sub-issues on the same page need no request. */
  remember(issues: GitHubIssue[]): void {
    for (const issue of issues) this.known.set(issue.url, String(issue.id));
  }

  async withParent(issue: GitHubIssue, draft: TaskDraft): Promise<TaskDraft> {
    const url = issue.parent_issue_url;
    if (!url) return draft;
    return { ...draft, parentExternalId: await this.parentId(url) };
  }

  private async parentId(url: string): Promise<string | null> {
    const cached = this.known.get(url);
    if (cached !== undefined) return cached;
    let id: string | null;
    try {
      const res = await this.http.request({ method: "GET", path: url, schema: ParentSchema, operation: "/repos/{owner}/{repo}/issues/{number}" });
      id = String(res.data.id);
    } catch (error) {
      // A parent we cannot see (deleted, or in a repository the token cannot read) is no parent to us.
      if (!(error instanceof NotFoundError)) throw error;
      id = null;
    }
    this.known.set(url, id);
    return id;
  }
}
