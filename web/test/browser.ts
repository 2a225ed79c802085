import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Where the Hosting emulator serves web/dist (firebase.json). */
export const CONSOLE_URL = "http://127.0.0.1:5173/";
/** Git-ignored (.gitignore: test-results/). */
export const SCREENSHOT_DIR = join(__dirname, "..", "test-results", "browser");

// Debian's Chromium (`apt-get install chromium`), headless. Without these flags it stalls on this
// kind of machine: no sandbox and no GPU in a container, and no background calls to Google.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

/** A fresh profile every time, so no session or stored org leaks from one run to the next. */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "taskbridge-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Waits until the element's text is exactly `text` (the live listeners update it in place). */
export async function waitForText(page: Page, selector: string, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([sel, expected]) => document.querySelector(sel!)?.textContent?.trim() === expected,
    [selector, text] as const,
    { timeout },
  );
}

export async function signIn(page: Page, email: string, password: string, create: boolean): Promise<void> {
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.click(create ? "text=Create account" : "button[type=submit]");
  await waitForText(page, "[data-testid=signed-in-as]", email);
}

export async function signOut(page: Page): Promise<void> {
  await page.click("text=Sign out");
  await page.waitForSelector("input[name=email]");
}

export async function openOrg(page: Page, orgId: string): Promise<void> {
  await page.fill("input[name=orgId]", orgId);
  await page.click("form button[type=submit]");
}
