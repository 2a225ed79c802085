/**
 * The two provider shapes the sync figures are measured in, each on its simulator from
 * @taskbridge/simulators: Plane (cursor pages, no updated-since filter) and GitHub (Link
 * pages, `since`). Each pages at the size our client asks for, the provider's maximum: GitHub's
 * per_page 100, Plane's per_page 1000 (PLANE_PER_PAGE).
 */
import type { Account } from "../../functions/src/domain/integration";
import type { ProviderId } from "../../functions/src/domain/provider-id";
import { PLANE_PER_PAGE } from "../../functions/src/providers/plane/pagination";
import { GitHubSimulator, PlaneSimulator, type ProviderSimulator } from "@taskbridge/simulators";

/** GitHub's maximum per_page, which its provider sends. */
const GITHUB_PER_PAGE = 100;
const REPO = "acme/bench";

export interface Shape {
  provider: ProviderId;
  /** Tasks per listing page, as the provider asks for them. */
  pageSize: number;
  sim: ProviderSimulator;
  connection: { baseUrl: string; token: string; account: Account };
  /** Changes `k` tasks in the simulator, as a user would between two syncs. */
  edit(k: number): void;
  /** Requests the simulator answered 429 (rate limited), when it simulates a limit. */
  limited(): number;
}

/** A Plane workspace with one project of `tasks` work items; `requestsPerMinute` is its simulated limit. */
export async function planeShape(tasks: number, requestsPerMinute: number, seed: number): Promise<Shape> {
  const sim = new PlaneSimulator({ seed, projects: 1, itemsPerProject: tasks, requestsPerMinute });
  await sim.start();
  // Count the simulator's 429s where it decides them: its per-credential window.
  let limited = 0;
  const take = sim.rateBudget.take.bind(sim.rateBudget);
  sim.rateBudget.take = (client) => {
    const state = take(client);
    if (state.limited) limited += 1;
    return state;
  };
  return {
    provider: "plane",
    pageSize: PLANE_PER_PAGE,
    sim,
    connection: { baseUrl: sim.baseUrl, token: sim.apiKey, account: { id: sim.me.id, name: sim.me.display_name, workspaces: [sim.slug] } },
    edit: (k) => sim.data.items.slice(0, k).forEach((item, i) => sim.update(item.id, { name: `Edited ${i}` })),
    limited: () => limited,
  };
}

/** A GitHub account with one repository of `tasks` issues (the GitHub simulator has no per-minute limit). */
export async function githubShape(tasks: number): Promise<Shape> {
  const sim = new GitHubSimulator();
  await sim.start();
  sim.addRepo(REPO);
  sim.addIssues(REPO, tasks, new Date(Date.now() - 3 * 24 * 3600 * 1000));
  return {
    provider: "github",
    pageSize: GITHUB_PER_PAGE,
    sim,
    connection: { baseUrl: sim.baseUrl, token: sim.token, account: { id: "1", name: "octocat", workspaces: [] } },
    edit: (k) => sim.issuesOf(REPO).slice(0, k).forEach((issue, i) => sim.update(issue, { title: `Edited ${i}` }, new Date())),
    limited: () => 0,
  };
}

export const GITHUB_BENCH_REPO = REPO;
