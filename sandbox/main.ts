/**
 * The provider sandbox (`npm start` runs it once the emulators answer): five provider simulators
 * on fixed loopback ports, a demo org connected to each of them through the real connect path,
 * then a feed of task changes delivered as signed webhooks, and a progress line now and then.
 * Stops cleanly on SIGINT/SIGTERM.
 */
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { FUNCTIONS_URL, PROJECT_ID, providerCases, startCases } from "@taskbridge/simulators";
import { ChangeFeed } from "./change-feed";
import { describeProgress, readProgress } from "./progress";
import { seedDemoOrg, type DemoOrg } from "./seed-demo";
import { SIMULATOR_PORTS, sandboxSettings as settings } from "./settings";

const PROGRESS_EVERY_MS = 15_000;

async function main(): Promise<void> {
  process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
  const firestore = getFirestore(initializeApp({ projectId: PROJECT_ID }));

  const cases = providerCases(settings.tasksPerProject, settings.seed);
  await startCases(cases, settings.tasksPerProject, SIMULATOR_PORTS);
  const stop = async (code: number) => {
    await Promise.all(cases.map((c) => c.sim.stop()));
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));

  let demo: DemoOrg;
  try {
    demo = await seedDemoOrg({ firestore, cases, email: settings.email, password: settings.password, orgId: settings.orgId, orgName: settings.orgName });
  } catch (error) {
    console.error(`sandbox: seeding the demo org failed: ${error instanceof Error ? error.message : String(error)}`);
    return stop(1);
  }
  printSummary(demo);

  const feed = new ChangeFeed(demo.integrations);
  setInterval(() => {
    feed.step().then(
      (c) => console.log(`sandbox: ${c.provider} task ${c.externalId} renamed; signed webhook answered ${c.status} ${c.answer}`),
      (error: unknown) => console.error(`sandbox: a change failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, settings.changeEverySeconds * 1000);
  setInterval(() => {
    readProgress(firestore, demo).then(
      (p) => console.log(`sandbox: ${describeProgress(p)}`),
      (error: unknown) => console.error(`sandbox: reading progress failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, PROGRESS_EVERY_MS);
}

function printSummary(demo: DemoOrg): void {
  const rows = demo.integrations.map((i) => `    ${i.provider.padEnd(8)} ${i.integrationId.padEnd(34)} ${i.baseUrl}`);
  console.log(
    [
      "",
      "┌─ taskbridge sandbox ─────────────────────────────────────────────",
      `│ Sign in (Auth emulator): ${settings.email} / ${settings.password}   (uid ${demo.uid}, owner of ${demo.orgId})`,
      `│ Org: orgs/${demo.orgId}, with one sandbox integration per provider (initial full sync requested):`,
      "│   provider integration id                      simulator API",
      ...rows.map((r) => `│${r}`),
      `│ Functions: ${FUNCTIONS_URL}   (e.g. ${FUNCTIONS_URL}/requestSync)`,
      `│ Webhooks:  ${FUNCTIONS_URL}/webhooks/{provider}/{integrationId}: every ${settings.changeEverySeconds} s the next simulator`,
      "│            renames a task and sends that provider's signed webhook here, signed with the secret",
      "│            the integration was connected with (the \"webhook registration at connect failed\" warnings",
      "│            above are expected: only the GitHub simulator has a webhook API)",
      "│ Firestore: 127.0.0.1:8080   Auth: 127.0.0.1:9099   Pub/Sub: 127.0.0.1:8085   Cloud Tasks: 127.0.0.1:9499",
      "│ Ctrl-C stops the simulators and the emulators.",
      "└──────────────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
}

void main();
