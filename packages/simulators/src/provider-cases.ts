/**
 * One simulator and one way to connect to it per provider, for emulator tests that must cover
 * all five. Test code may know the providers; the code under test never does.
 */
import { randomUUID } from "node:crypto";
import type { Account, AuthKind } from "taskbridge-functions/src/domain/integration";
import type { ProviderId } from "taskbridge-functions/src/domain/provider-id";
import type { ProviderSimulator } from "./base/provider-simulator";
import { AsanaSimulator } from "./asana/asana-simulator";
import { ClickUpSimulator } from "./clickup/clickup-simulator";
import { GitHubSimulator } from "./github/github-simulator";
import { LinearSimulator } from "./linear/linear-simulator";
import { PlaneSimulator } from "./plane/plane-simulator";
import { asanaTaskChanged } from "./asana/asana-webhooks";
import { clickupTaskUpdated } from "./clickup/clickup-webhooks";
import { githubIssueEdited } from "./github/github-webhooks";
import { linearIssueUpdated } from "./linear/linear-webhooks";
import { planeWorkItemUpdated } from "./plane/plane-webhooks";
import type { SignedDelivery } from "./base/signed-delivery";

/** How a test connects to a ClickUp simulator with its personal token: the same for every test. */
export function clickupConnection(clickup: ClickUpSimulator): ReturnType<ProviderCase["connection"]> {
  return { baseUrl: `${clickup.baseUrl}/api/v2`, token: clickup.personalToken, authKind: "personal", account: { id: String(clickup.me.id), name: clickup.me.username, workspaces: clickup.data.teams.map((t) => t.id) } };
}

/** How a test connects to a Linear simulator with its API key: the same for every test. */
export function linearConnection(linear: LinearSimulator): ReturnType<ProviderCase["connection"]> {
  return { baseUrl: linear.baseUrl, token: linear.apiKey, authKind: "personal", account: { id: linear.viewer.id, name: linear.viewer.name, workspaces: [linear.data.organization.id] } };
}

export interface ProviderCase {
  provider: ProviderId;
  sim: ProviderSimulator;
  /** Runs a full pass makes: one per project. */
  projects: number;
  connection(): { baseUrl: string; token: string; authKind: AuthKind; account: Account };
  /** Every task the simulator holds, as externalId. */
  externalIds(): string[];
  /** Renames one task in the simulator (by default the fourth, to "Edited in <provider>"); returns its externalId. */
  edit(title?: string, index?: number): string;
  /** The provider's signed webhook delivery saying that task changed, as it stands now in the simulator. */
  webhookFor(externalId: string, secret: string): SignedDelivery;
  /** Whether the simulator holds the task as done (not merely closed as cancelled). */
  isDone(externalId: string): boolean;
  /** Deletes the task in the simulator. */
  remove(externalId: string): void;
}

/** Limits high enough that the sync never paces itself. */
const FAST = { requestsPerMinute: 10_000 };
const GITHUB_REPO = "acme/all";

export function providerCases(tasksPerProject: number, seed = 20): ProviderCase[] {
  const clickup = new ClickUpSimulator({ ...FAST, seed: seed + 1, foldersPerSpace: 1, listsPerFolder: 1, folderlessListsPerSpace: 1, tasksPerList: tasksPerProject });
  const plane = new PlaneSimulator({ ...FAST, seed: seed + 2, projects: 2, itemsPerProject: tasksPerProject });
  const asana = new AsanaSimulator({ ...FAST, seed: seed + 3, projectsPerWorkspace: 2, tasksPerProject });
  const linear = new LinearSimulator({ ...FAST, seed: seed + 4, teams: 2, issuesPerTeam: tasksPerProject });
  const github = new GitHubSimulator();
  const githubIssue = (externalId: string) => github.issuesOf(GITHUB_REPO).find((issue) => String(issue.id) === externalId)!;
  // Linear names the webhook that sent a delivery in every body; one subscription, one id.
  const linearWebhookId = randomUUID();
  const clickupStatusType = (id: string) => {
    const task = clickup.task(id)!;
    return clickup.data.lists.find((list) => list.id === task.listId)!.statuses.find((s) => s.status === task.status)?.type;
  };

  return [
    {
      provider: "clickup",
      sim: clickup,
      projects: 2,
      connection: () => clickupConnection(clickup),
      externalIds: () => clickup.data.tasks.map((t) => t.id),
      edit: (title = "Edited in ClickUp", index = 3) => clickup.update(clickup.data.tasks[index]!.id, { name: title }).id,
      webhookFor: (id, secret) => clickupTaskUpdated(clickup, id, "name", secret),
      isDone: (id) => ["closed", "done"].includes(clickupStatusType(id) ?? ""),
      remove: (id) => clickup.remove(id),
    },
    {
      provider: "plane",
      sim: plane,
      projects: 2,
      connection: () => ({ baseUrl: plane.baseUrl, token: plane.apiKey, authKind: "personal", account: { id: plane.me.id, name: plane.me.display_name, workspaces: [plane.slug] } }),
      externalIds: () => plane.data.items.map((i) => i.id),
      edit: (title = "Edited in Plane", index = 3) => plane.update(plane.data.items[index]!.id, { name: title }).id,
      webhookFor: (id, secret) => planeWorkItemUpdated(plane, id, secret),
      isDone: (id) => plane.stateOf(plane.item(id)!).group === "completed",
      remove: (id) => plane.remove(id),
    },
    {
      provider: "asana",
      sim: asana,
      projects: 2,
      connection: () => ({ baseUrl: `${asana.baseUrl}/api/1.0`, token: asana.token, authKind: "personal", account: { id: asana.me.gid, name: asana.me.name, workspaces: asana.data.workspaces.map((w) => w.gid) } }),
      externalIds: () => asana.data.tasks.map((t) => t.gid),
      edit: (title = "Edited in Asana", index = 3) => asana.update(asana.data.tasks[index]!.gid, { name: title }).gid,
      webhookFor: (id, secret) => asanaTaskChanged(asana, id, "name", secret),
      isDone: (id) => asana.task(id)!.completed,
      remove: (id) => asana.remove(id),
    },
    {
      provider: "linear",
      sim: linear,
      projects: 2,
      connection: () => linearConnection(linear),
      externalIds: () => linear.data.issues.map((i) => i.id),
      edit: (title = "Edited in Linear", index = 3) => linear.update(linear.data.issues[index]!.id, { title }).id,
      webhookFor: (id, secret) => linearIssueUpdated(linear, id, linearWebhookId, secret),
      isDone: (id) => linear.stateOf(linear.issue(id)!).type === "completed",
      remove: (id) => linear.remove(id),
    },
    {
      provider: "github",
      sim: github,
      projects: 1,
      connection: () => ({ baseUrl: github.baseUrl, token: github.token, authKind: "personal", account: { id: "1", name: "octocat", workspaces: [] } }),
      externalIds: () => github.issuesOf(GITHUB_REPO).map((i) => String(i.id)),
      edit: (title = "Edited in GitHub", index = 3) => {
        const issue = github.issuesOf(GITHUB_REPO)[index]!;
        github.update(issue, { title }, new Date());
        return String(issue.id);
      },
      webhookFor: (id, secret) => githubIssueEdited(github, GITHUB_REPO, githubIssue(id), secret),
      isDone: (id) => githubIssue(id).state === "closed" && githubIssue(id).state_reason !== "not_planned",
      remove: (id) => github.remove(GITHUB_REPO, githubIssue(id)),
    },
  ];
}

/**
 * Starts every simulator (GitHub gets its one repository of `tasksPerProject` issues), each on
 * its port in `ports` when given (the sandbox's fixed addresses), else on any free one.
 */
export async function startCases(cases: ProviderCase[], tasksPerProject: number, ports: Partial<Record<ProviderId, number>> = {}): Promise<void> {
  await Promise.all(cases.map((c) => c.sim.start(ports[c.provider] ?? 0)));
  const github = cases.find((c) => c.provider === "github")!.sim as GitHubSimulator;
  github.addRepo(GITHUB_REPO);
  github.addIssues(GITHUB_REPO, tasksPerProject, new Date(Date.now() - 3 * 24 * 3600 * 1000));
}
