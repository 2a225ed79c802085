import { parseOrThrow, ValidationError } from "../../domain/validation-error";
import type { TaskDraft } from "../../domain/task";
import type { WebhookEvent, WebhookHeaders, WebhookSpec } from "../provider";
import { verifyHexHmac } from "../shared/hmac";
import { toDraft } from "./normalize";
import { GitHubIssueEventSchema, GitHubIssueSchema } from "./schemas";

const SIGNATURE_HEADER = "X-Hub-Signature-256";

/** Issue actions after which the issue is gone from this repository. */
const GONE_ACTIONS = new Set(["deleted", "transferred"]);

export const githubWebhook: WebhookSpec = {
  signatureHeader: SIGNATURE_HEADER,
  handshakeHeader: null,

  verify(rawBody, headers, secrets) {
    return verifyHexHmac(rawBody, headers.get(SIGNATURE_HEADER.toLowerCase()), secrets, "sha256=");
  },

  // GitHub keeps the same GUID when a delivery is redelivered, so it is the dedup key as it is.
  deliveryId(_body, headers) {
    return requiredHeader(headers, "x-github-delivery");
  },

  parse(body, headers) {
    const event = requiredHeader(headers, "x-github-event");
    if (event !== "issues" && event !== "issue_comment") return [ignored(event)];
    const envelope = parseOrThrow(GitHubIssueEventSchema, body, `github ${event} webhook`);
    const eventType = `${event}.${envelope.action}`;
    const base = {
      eventType,
      externalId: String(envelope.issue.id),
      providerRef: `${envelope.repository.full_name}#${envelope.issue.number}`,
      projectExternalId: String(envelope.repository.id),
      updatedAt: envelope.issue.updated_at ?? null,
    };
    // Pull requests are issues to GitHub (their comments arrive as issue_comment) but not tasks to us.
    if (envelope.issue.pull_request !== undefined) return [{ ...ignored(eventType), projectExternalId: base.projectExternalId }];
    if (event === "issues" && GONE_ACTIONS.has(envelope.action)) return [{ ...base, action: "delete", task: null }];
    const task = completeTask((body as { issue: unknown }).issue);
    return [{ ...base, action: event === "issue_comment" ? "comment" : "upsert", task }];
  },
};

/**
 * The payload's issue as a task when it is complete enough to stand alone. Some actions send a
 * trimmed issue (pinned/unpinned carry no state), and a sub-issue's parent needs a request to
 * resolve; both return null so the applier fetches the issue instead.
 */
function completeTask(issue: unknown): TaskDraft | null {
  const parsed = GitHubIssueSchema.safeParse(issue);
  if (!parsed.success || parsed.data.parent_issue_url) return null;
  return toDraft(parsed.data);
}

function ignored(eventType: string): WebhookEvent {
  return { eventType, action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null };
}

function requiredHeader(headers: WebhookHeaders, name: string): string {
  const value = headers.get(name);
  if (!value) throw new ValidationError("github webhook", [{ field: name, message: "header is missing" }]);
  return value;
}
