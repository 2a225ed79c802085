/*
 * The GraphQL documents sent to https://api.linear.app/graphql. Field names follow
 * linear/linear packages/sdk/src/schema.graphql; schemas.ts validates what comes back.
 */

/**
 * Issues and teams per page: Linear's maximum `first`, 250 (its default is 50). The cost of a page
 * grows with `first` times the labels asked per issue: see LABELS_PER_ISSUE.
 */
export const ISSUE_PAGE_SIZE = 250;
export const TEAM_PAGE_SIZE = 250;

/**
 * Labels per issue. A connection's `first` multiplies the query's complexity by the page size,
 * so this stays well below Linear's 50 default: 100 issues x 20 labels keeps a page far under the
 * per-query complexity cap. An issue with more labels than this is vanishingly rare.
 */
export const LABELS_PER_ISSUE = 20;

const ISSUE_FIELDS = `
fragment TaskbridgeIssue on Issue {
  id
  identifier
  title
  description
  url
  priority
  estimate
  dueDate
  createdAt
  updatedAt
  startedAt
  completedAt
  canceledAt
  archivedAt
  trashed
  state { id name type }
  assignee { id name }
  labels(first: ${LABELS_PER_ISSUE}) { nodes { name } }
  parent { id }
  team { id }
}`;

export const VIEWER_QUERY = `
query TaskbridgeViewer {
  viewer { id name }
  organization { id name urlKey }
}`;

export const TEAMS_QUERY = `
query TaskbridgeTeams($first: Int!, $after: String) {
  organization { urlKey }
  teams(first: $first, after: $after) {
    nodes { id name key }
    pageInfo { hasNextPage endCursor }
  }
}`;

/*
 * Ordered by createdAt, which an edit never changes: a cursor saved mid-pass still points at the
 * same place when the pass resumes, and no issue edited during the pass jumps over the cursor.
 */
export const ISSUES_QUERY = `
query TaskbridgeIssues($filter: IssueFilter!, $first: Int!, $after: String, $includeArchived: Boolean!) {
  issues(filter: $filter, first: $first, after: $after, includeArchived: $includeArchived, orderBy: createdAt) {
    nodes { ...TaskbridgeIssue }
    pageInfo { hasNextPage endCursor }
  }
}
${ISSUE_FIELDS}`;

export const ISSUE_QUERY = `
query TaskbridgeIssue($id: String!) {
  issue(id: $id) { ...TaskbridgeIssue }
}
${ISSUE_FIELDS}`;

/** The issue and its team's workflow states in one round trip, to pick the state that completes it. */
export const ISSUE_WITH_TEAM_STATES_QUERY = `
query TaskbridgeIssueWithTeamStates($id: String!) {
  issue(id: $id) {
    ...TaskbridgeIssue
    team { id states(first: 100) { nodes { id name type position } } }
  }
}
${ISSUE_FIELDS}`;

export const ISSUE_SET_STATE_MUTATION = `
mutation TaskbridgeIssueSetState($id: String!, $stateId: String!) {
  issueUpdate(id: $id, input: { stateId: $stateId }) {
    success
    issue { ...TaskbridgeIssue }
  }
}
${ISSUE_FIELDS}`;

export const COMMENT_CREATE_MUTATION = `
mutation TaskbridgeCommentCreate($issueId: String!, $body: String!) {
  commentCreate(input: { issueId: $issueId, body: $body }) {
    success
    comment { id }
  }
}`;

export const ISSUE_CREATE_MUTATION = `
mutation TaskbridgeIssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) {
    success
    issue { ...TaskbridgeIssue }
  }
}
${ISSUE_FIELDS}`;
