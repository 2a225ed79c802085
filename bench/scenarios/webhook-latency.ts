/**
 * Acknowledgement latency of POST /webhooks/github/{integration} (verify, dedup create, publish)
 * against the bench-only `benchBareCreate` function (one Firestore create), at 1, 10 and 50
 * concurrent senders, in the same emulator run. GitHub-signed (HMAC-SHA256 of the raw body, the
 * documented algorithm) `issues.edited` deliveries of a task the integration has stored, each
 * with its own delivery id so none is a duplicate.
 */
import { randomUUID } from "node:crypto";
import { refs } from "../../functions/src/store/refs";
import { FUNCTIONS_URL } from "../../functions/test/support/emulators";
import { seedIntegration, seedOrg } from "../../functions/test/support/seed";
import { hmacHex } from "../../functions/test/support/webhooks";
import { octokitExample } from "../../functions/test/unit/providers/github/octokit";
import { percentile } from "../support/percentile";
import { record } from "../support/results";
import { GITHUB_BENCH_REPO, githubShape } from "../support/shapes";
import { measurePass } from "../support/sync-pass";
import type { GitHubSimulator } from "../../functions/test/simulators/github-simulator";

const SECRET = "bench-webhook-secret";
const LEVELS: Array<{ senders: number; perSender: number }> = [
  { senders: 1, perSender: 60 },
  { senders: 10, perSender: 20 },
  { senders: 50, perSender: 10 },
];

/** A latency in ms, or null when the answer was not 200 (the emulator failed to start a worker, say). */
type Send = () => Promise<number | null>;

export async function benchWebhookLatency(): Promise<void> {
  const shape = await githubShape(20);
  try {
    const orgId = await seedOrg("bench-owner");
    const integrationId = await seedIntegration({ orgId, provider: "github", ...shape.connection, webhookSecrets: [SECRET] });
    await measurePass(shape, orgId, integrationId, "full", 120_000); // the repository and its tasks exist, so events apply to stored tasks
    const issue = (shape.sim as GitHubSimulator).issuesOf(GITHUB_BENCH_REPO)[0]!;
    const project = (await refs.projects(orgId, integrationId).get()).docs[0]!.data();
    // The event names the stored repository and issue, so applying it is the cheap path (an
    // unchanged task) rather than a sync of an unknown project.
    const payload = octokitExample("issues", "edited");
    Object.assign(payload.repository as object, { id: Number(project.externalId), full_name: GITHUB_BENCH_REPO, name: GITHUB_BENCH_REPO.split("/")[1] });
    Object.assign(payload.issue as object, { id: issue.id, number: issue.number, title: issue.title, updated_at: issue.updated_at });
    const body = JSON.stringify(payload);
    const signature = `sha256=${hmacHex(SECRET, body)}`;

    const webhook: Send = () =>
      timed(`${FUNCTIONS_URL}/webhooks/github/${integrationId}`, body, {
        "X-GitHub-Event": "issues",
        "X-GitHub-Delivery": randomUUID(),
        "X-Hub-Signature-256": signature,
      });
    const bare: Send = () => timed(`${FUNCTIONS_URL}/benchBareCreate`, body, {});

    for (const { senders, perSender } of LEVELS) {
      const scenario = `webhook ack, ${senders} sender${senders > 1 ? "s" : ""}`;
      // Warm-up, ramped: the emulator runs one request per worker process and starts a new
      // process for each concurrent request it has no idle worker for; 50 at once on 2 cores
      // can miss its start-up deadline.
      for (let step = Math.min(10, senders); step <= senders; step += 10) {
        await concurrently(step, 2, bare);
        await concurrently(step, 2, webhook);
      }
      await quiet();
      const bareAll = await concurrently(senders, perSender, bare);
      await quiet();
      const hookAll = await concurrently(senders, perSender, webhook);
      await quiet();
      const bareMs = bareAll.filter((ms): ms is number => ms !== null);
      const hookMs = hookAll.filter((ms): ms is number => ms !== null);
      const failed = bareAll.length - bareMs.length + hookAll.length - hookMs.length;
      const samples = `${hookMs.length} deliveries, ${bareMs.length} bare requests${failed ? `; ${failed} answers were not 200 and are not samples` : ""}`;
      for (const p of [50, 99]) {
        const ours = hookMs.length ? percentile(hookMs, p) : null;
        const base = bareMs.length ? percentile(bareMs, p) : null;
        record({ scenario, what: `p${p} webhooks`, value: ours, unit: "ms", target: "—", source: samples });
        record({ scenario, what: `p${p} bare create`, value: base, unit: "ms", target: "—", source: samples });
        record({ scenario, what: `p${p} webhooks ÷ bare create`, value: ours !== null && base !== null ? ours / base : null, unit: "×", target: "≤ 3", source: "ratio of the two above" });
      }
      record({ scenario, what: "answers other than 200", value: failed, unit: "", target: "0", source: "both functions" });
    }
  } finally {
    await shape.sim.stop();
  }
}

/** Latency of one POST until its whole answer arrived; anything but 200 is not a sample. */
async function timed(url: string, body: string, headers: Record<string, string>): Promise<number | null> {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  await res.text();
  const ms = performance.now() - started;
  return res.status === 200 ? ms : null;
}

/** Lets the appliers the last deliveries started finish, so one measurement's tail does not load the next. */
async function quiet(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
}

/** `senders` loops, each sending `perSender` requests one after another; all latencies. */
async function concurrently(senders: number, perSender: number, send: Send): Promise<Array<number | null>> {
  const loops = Array.from({ length: senders }, async () => {
    const mine: Array<number | null> = [];
    for (let i = 0; i < perSender; i += 1) mine.push(await send());
    return mine;
  });
  return (await Promise.all(loops)).flat();
}
