import { z } from "zod";
import { IsoDateTimeSchema as isoDateTime } from "../shared/iso-dates";

/*
 * Zod schemas of the GitHub REST responses and webhook bodies we read. Objects are tolerant of
 * fields we do not use (zod strips them) and strict on the ones we do.
 */

export const GitHubUserSchema = z.object({
  id: z.number().int(),
  login: z.string().min(1),
});
export type GitHubUser = z.infer<typeof GitHubUserSchema>;

/** The REST schema allows a label to be a bare name as well as an object. */
export const GitHubLabelSchema = z.union([z.string(), z.object({ name: z.string() })]);

export const GitHubMilestoneSchema = z.object({
  due_on: isoDateTime.nullable(),
});

/** An issue as the REST API and the issues/issue_comment webhooks carry it. */
export const GitHubIssueSchema = z.object({
  /** Global id, unique across repositories: our externalId. */
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  html_url: z.string(),
  /** API URL of the issue; also how a sub-issue names its parent (`parent_issue_url`). */
  url: z.string(),
  /** "https://api.github.com/repos/{owner}/{repo}" (or the GHES equivalent): where owner/repo come from. */
  repository_url: z.string().regex(/\/repos\/[^/]+\/[^/?#]+\/?$/),
  state: z.enum(["open", "closed"]),
  /** completed | not_planned | reopened | duplicate…; a plain string so a new reason never breaks a sync. */
  state_reason: z.string().nullish(),
  assignees: z.array(GitHubUserSchema).nullish(),
  labels: z.array(GitHubLabelSchema).nullish(),
  milestone: GitHubMilestoneSchema.nullish(),
  created_at: isoDateTime,
  updated_at: isoDateTime,
  closed_at: isoDateTime.nullish(),
  /** Present only on pull requests, which the issues endpoints also return. */
  pull_request: z.unknown().optional(),
  /** API URL of the parent issue when this is a sub-issue (absent otherwise). */
  parent_issue_url: z.string().nullish(),
});
export type GitHubIssue = z.infer<typeof GitHubIssueSchema>;

export const GitHubIssueListSchema = z.array(z.unknown());

export const GitHubRepositorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  html_url: z.string(),
  /** False when the repository has issues turned off; its issues endpoint then answers 410. */
  has_issues: z.boolean().optional(),
});
export type GitHubRepository = z.infer<typeof GitHubRepositorySchema>;

export const GitHubRepositoryListSchema = z.array(GitHubRepositorySchema);

export const GitHubCommentSchema = z.object({ id: z.number().int() });

/** The part of every issues / issue_comment webhook body we read before looking at the issue. */
export const GitHubIssueEventSchema = z.object({
  action: z.string().min(1),
  issue: z.object({
    id: z.number().int(),
    number: z.number().int(),
    updated_at: isoDateTime.optional(),
    pull_request: z.unknown().optional(),
  }),
  repository: z.object({ id: z.number().int(), full_name: z.string() }),
});
