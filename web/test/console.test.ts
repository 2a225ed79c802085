/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the emulator
 * suite: the built app from the Hosting emulator, the real callables and triggers, and a
 * GitHub-shaped simulator as the provider.
 */
import { randomUUID } from "node:crypto";
import { getAuth } from "firebase-admin/auth";
import { localOAuthClients, seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { GitHubSimulator, OAuthSimulator } from "@taskbridge/simulators";
import { adminApp } from "../../functions/src/store/db";
import { refs } from "../../functions/src/store/refs";
import { CONSOLE_URL, openBrowser, openOrg, screenshot, signIn, signOut, waitForText, type Browser } from "./browser";

const REPO = "acme/console";
const ISSUES = 12;
const PASSWORD = "console-password-1";

describe("the console, in Chromium", () => {
  const sim = new GitHubSimulator();
  // Where OAUTH_BASE_URL_OVERRIDE (functions/.env.demo-taskbridge) sends the authorize and token calls.
  const oauth = new OAuthSimulator(localOAuthClients());
  const owner = `owner-${randomUUID().slice(0, 8)}@example.com`;
  const outsider = `outsider-${randomUUID().slice(0, 8)}@example.com`;
  let browser: Browser;
  let orgId: string;
  let outsidersOrg: string;

  beforeAll(async () => {
    await sim.start();
    await oauth.start();
    sim.addRepo(REPO);
    sim.addIssues(REPO, ISSUES, new Date(Date.now() - 3 * 24 * 3600 * 1000));
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sim.stop();
    await oauth.stop();
  });

  const page = () => browser.page;
  const rows = () => page().locator("[data-testid=tasks-table] tbody tr");

  it("signs up, signs out and signs in with email and password, then opens the org", async () => {
    await page().goto(CONSOLE_URL);
    await signIn(page(), owner, PASSWORD, true);
    await signOut(page());
    await signIn(page(), owner, PASSWORD, false);

    const { uid } = await getAuth(adminApp()).getUserByEmail(owner);
    orgId = await seedOrg(uid);
    await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
    await openOrg(page(), orgId);
    await waitForText(page(), "[data-testid=org-name]", `Org ${orgId}`);
    await page().waitForSelector("[data-testid=integration-github] >> text=connected");
    expect(await rows().count()).toBe(0);
    await screenshot(page(), "1-signed-in");
  });

  it("shows the running badge go to 1 while a sync runs and back to 0 when it ends", async () => {
    await waitForText(page(), "[data-testid=running-count]", "0");
    // Slow the provider down so the run stays running long enough to be seen.
    sim.delayMs = 4000;
    await page().click("[data-testid=integration-github] >> text=Sync now");
    await waitForText(page(), "[data-testid=integration-message]", "Sync requested: 1 project run started.", 60_000);
    await waitForText(page(), "[data-testid=running-count]", "1", 60_000);
    await screenshot(page(), "2-sync-running");
    sim.delayMs = 0;
    await waitForText(page(), "[data-testid=running-count]", "0", 90_000);
    await page().waitForSelector("[data-testid=runs-table] tr[data-run-status=completed]");
  });

  it("shows the synced tasks with their provider, status and assignees, and filters and searches them", async () => {
    await page().waitForFunction((n) => document.querySelectorAll("[data-testid=tasks-table] tbody tr").length === n, ISSUES);
    await waitForText(page(), "[data-testid=task-count]", `${ISSUES} of ${ISSUES}`);
    const first = rows().filter({ hasText: `Issue 1 of ${REPO}` }).first();
    expect(await first.locator("td").nth(1).textContent()).toBe("GitHub");
    expect(await first.locator("[data-testid=task-status]").textContent()).toBe("todo");
    expect(await first.locator("td").nth(3).textContent()).toBe("octocat");

    await page().fill("input[aria-label=Search]", `Issue 12 of`);
    await waitForText(page(), "[data-testid=task-count]", `1 of ${ISSUES}`);
    await page().fill("input[aria-label=Search]", "");
    await page().selectOption("select[aria-label='Provider filter']", "linear");
    await waitForText(page(), "[data-testid=task-count]", "0 of 0");
    await page().selectOption("select[aria-label='Provider filter']", "");
    await waitForText(page(), "[data-testid=task-count]", `${ISSUES} of ${ISSUES}`);
    await screenshot(page(), "3-tasks");
  });

  it("completes a task in the provider and shows it done; a task already closed there shows a conflict", async () => {
    const issue = sim.issuesOf(REPO)[2]!;
    const row = rows().filter({ hasText: issue.title });
    await row.locator("button:has-text(\"Complete\")").click();
    await waitForText(page(), "[data-testid=task-message]", `“${issue.title}” marked done in GitHub.`);
    await page().waitForFunction((title) => {
      const match = [...document.querySelectorAll("[data-testid=tasks-table] tbody tr")].find((tr) => tr.textContent?.includes(title));
      return match?.querySelector("[data-testid=task-status]")?.textContent === "done";
    }, issue.title);
    expect(issue.state).toBe("closed");

    // Closed in GitHub behind the console's back: completing it here is a conflict.
    const other = sim.issuesOf(REPO)[4]!;
    sim.update(other, { state: "closed", state_reason: "completed", closed_at: new Date().toISOString() }, new Date());
    await rows().filter({ hasText: other.title }).locator("button:has-text(\"Complete\")").click();
    await page().waitForSelector("[data-testid=task-message] >> text=Conflict");
    expect(await page().textContent("[data-testid=task-message]")).toContain(`“${other.title}” was already done in GitHub`);

    await page().selectOption("select[aria-label='Status filter']", "done");
    await waitForText(page(), "[data-testid=task-count]", "2 of 2");
    await screenshot(page(), "4-completed");
    await page().selectOption("select[aria-label='Status filter']", "");
  });

  it("shows a member of another org nothing of this org", async () => {
    await signOut(page());
    await signIn(page(), outsider, PASSWORD, true);
    const { uid } = await getAuth(adminApp()).getUserByEmail(outsider);
    const ownOrg = await seedOrg(uid);
    outsidersOrg = ownOrg;

    // The browser remembers the owner's org: the outsider lands on it and is refused.
    await page().waitForSelector("[data-testid=not-member]");
    expect(await page().locator("[data-testid=tasks-table]").count()).toBe(0);
    expect(await page().locator("[data-testid=running-count]").count()).toBe(0);
    await screenshot(page(), "5-outsider");

    // Their own org opens, and none of the other org's tasks are in it.
    await page().click("text=Switch org");
    await openOrg(page(), ownOrg);
    await waitForText(page(), "[data-testid=org-name]", `Org ${ownOrg}`);
    await waitForText(page(), "[data-testid=task-count]", "0 of 0");
    expect((await refs.tasks(orgId).get()).size).toBe(ISSUES);
  });

  it("connects GitHub through the OAuth redirect flow, comes back to the console, and disconnects it", async () => {
    await page().fill("input[aria-label='API root']", oauth.apiBase("github"));
    await page().click("button:has-text(\"Connect GitHub\")");
    // Console → authorize (simulator) → callback (Functions emulator) → back to the console.
    await page().waitForSelector("text=GitHub connected; the first full sync has been requested.", { timeout: 60_000 });
    expect(page().url()).toBe(CONSOLE_URL);
    await page().waitForSelector("[data-testid=integration-github] >> text=octocat");
    const stored = await refs.integrations(outsidersOrg).get();
    expect(stored.docs.map((d) => [d.data().provider, d.data().authKind])).toEqual([["github", "oauth"]]);
    await screenshot(page(), "6-oauth-connected");

    // Disconnect it through the console (confirming the prompt), which also stops its initial
    // sync from retrying against the simulator after this file ends.
    page().once("dialog", (dialog) => void dialog.accept());
    await page().click("[data-testid=integration-github] >> button:has-text(\"Disconnect\")");
    await page().waitForSelector("[data-testid=integration-message] >> text=Disconnected:");
    await page().waitForSelector("[data-testid=integration-github]", { state: "detached" });
    expect((await refs.integration(outsidersOrg, stored.docs[0]!.id).get()).data()?.status).toBe("disconnected");
  });
});
