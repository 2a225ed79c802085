import { randomUUID } from "node:crypto";
import type { GitHubSimulator, SimIssue } from "./github-simulator";
import { hmacSha256Hex, type SignedDelivery } from "../base/signed-delivery";

/**
 * An `issues.edited` delivery for one of the simulator's issues, as GitHub sends it: the full issue
 * and its repository in the body, X-GitHub-Event, a GUID in X-GitHub-Delivery, and
 * X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the body.
 */
export function githubIssueEdited(sim: GitHubSimulator, repo: string, issue: SimIssue, secret: string): SignedDelivery {
  const payload = {
    action: "edited",
    issue: sim.render(repo, issue),
    changes: { title: { from: issue.title } },
    repository: { id: sim.repoId(repo), full_name: repo, name: repo.split("/")[1], html_url: `https://github.com/${repo}` },
    sender: { id: 1, login: "octocat", type: "User" },
  };
  const body = Buffer.from(JSON.stringify(payload));
  return {
    body,
    headers: { "X-GitHub-Event": "issues", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": `sha256=${hmacSha256Hex(secret, body)}` },
  };
}
