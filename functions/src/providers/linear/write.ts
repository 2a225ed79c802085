import type { TaskDraft } from "../../domain/task";
import { graphqlRequest } from "../../http/graphql";
import { BadRequestError, ConflictError, InvalidResponseError, NotFoundError } from "../../http/errors";
import type { CompleteResult, CreateTaskInput, ProjectInfo, ProviderSession, TaskRef } from "../provider";
import { toIsoDate } from "../shared/iso-dates";
import { GRAPHQL_PATH, getTask, isEntityNotFound } from "./api";
import { issueIdForRequest } from "./issue-id";
import { draftFromIssueNode, isClosedStateType } from "./normalize";
import { COMMENT_CREATE_MUTATION, ISSUE_CREATE_MUTATION, ISSUE_SET_STATE_MUTATION, ISSUE_WITH_TEAM_STATES_QUERY } from "./queries";
import type { IssueWithTeamStates, WorkflowState } from "./schemas";
import { CommentCreateDataSchema, IssueCreateDataSchema, IssueUpdateDataSchema, IssueWithTeamStatesDataSchema } from "./schemas";

/**
 * Moves the issue to its team's first completed-type state (lowest position: the one Linear's
 * board shows first, usually "Done"). An issue already completed, cancelled or marked duplicate
 * is a conflict: its current state is returned and nothing is written.
 */
export async function complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult> {
  const operation = "graphql issueUpdate";
  const issue = await issueWithTeamStates(session, ref.externalId, operation);
  if (isClosedStateType(issue.state.type)) return { conflict: true, currentState: draftFromIssueNode(issue) };

  const done = firstCompletedState(issue.team.states.nodes);
  if (done === null) {
    throw new ConflictError({ provider: "linear", operation, status: null, providerMessage: "the team has no completed workflow state" });
  }
  const data = await graphqlRequest(session.http, {
    path: GRAPHQL_PATH,
    query: ISSUE_SET_STATE_MUTATION,
    variables: { id: issue.id, stateId: done.id },
    schema: IssueUpdateDataSchema,
    operation,
  });
  if (!data.issueUpdate.success || data.issueUpdate.issue === null) throw unsuccessful(operation);
  return { conflict: false, task: draftFromIssueNode(data.issueUpdate.issue) };
}

async function issueWithTeamStates(session: ProviderSession, id: string, operation: string): Promise<IssueWithTeamStates> {
  try {
    const data = await graphqlRequest(session.http, {
      path: GRAPHQL_PATH,
      query: ISSUE_WITH_TEAM_STATES_QUERY,
      variables: { id },
      schema: IssueWithTeamStatesDataSchema,
      operation: "graphql issue",
    });
    if (data.issue === null || data.issue.trashed === true) throw notFound(operation);
    return data.issue;
  } catch (error) {
    if (isEntityNotFound(error)) throw notFound(operation);
    throw error;
  }
}

export function firstCompletedState(states: WorkflowState[]): WorkflowState | null {
  const completed = states.filter((state) => state.type === "completed").sort((a, b) => a.position - b.position);
  return completed[0] ?? null;
}

/** A Markdown comment on the issue (commentCreate; scope `write` or `comments:create`). */
export async function comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }> {
  const operation = "graphql commentCreate";
  const data = await graphqlRequest(session.http, {
    path: GRAPHQL_PATH,
    query: COMMENT_CREATE_MUTATION,
    variables: { issueId: ref.externalId, body: text },
    schema: CommentCreateDataSchema,
    operation,
  });
  if (!data.commentCreate.success || data.commentCreate.comment === null) throw unsuccessful(operation);
  return { commentId: data.commentCreate.comment.id };
}

/**
 * A new issue in the team (issueCreate). Linear issues have one assignee, so only the first is
 * sent. With a clientRequestId the issue gets an id derived from it: a retry of a create whose
 * answer was lost is refused by Linear as a duplicate id, and then the issue the first attempt
 * made is returned instead of a second one being created.
 */
export async function create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft> {
  const operation = "graphql issueCreate";
  const id = input.clientRequestId === null ? undefined : issueIdForRequest(input.clientRequestId);
  const fields: Record<string, unknown> = { teamId: project.externalId, title: input.title };
  if (id !== undefined) fields.id = id;
  if (input.description !== null) fields.description = input.description;
  if (input.assignees[0] !== undefined) fields.assigneeId = input.assignees[0];
  if (input.dueAt !== null) fields.dueDate = toIsoDate(input.dueAt);
  try {
    const data = await graphqlRequest(session.http, {
      path: GRAPHQL_PATH,
      query: ISSUE_CREATE_MUTATION,
      variables: { input: fields },
      schema: IssueCreateDataSchema,
      operation,
    });
    if (!data.issueCreate.success || data.issueCreate.issue === null) throw unsuccessful(operation);
    return draftFromIssueNode(data.issueCreate.issue);
  } catch (error) {
    if (id === undefined || !(error instanceof BadRequestError)) throw error;
    const existing = await getTask(session, { externalId: id, providerRef: id, project });
    if (existing === null) throw error;
    return existing;
  }
}

function notFound(operation: string): NotFoundError {
  return new NotFoundError({ provider: "linear", operation, status: null, providerMessage: "the issue does not exist or is in the trash" });
}

function unsuccessful(operation: string): InvalidResponseError {
  return new InvalidResponseError({ provider: "linear", operation, status: 200, providerMessage: "the mutation reported success: false" });
}
