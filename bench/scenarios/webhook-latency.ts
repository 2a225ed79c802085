/**
 * Acknowledgement latency of POST /webhooks/github/{integration} (verify, then the one create of
 * the delivery document that is both the dedup and the hand-off) against two bench-only
 * functions: `benchBareCreate` (one Firestore create) and `benchTriggeredCreate` (the same create
 * into a collection a no-op trigger watches, so what the emulator spends dispatching a trigger on
 * the same cores shows apart from our work). At 1, 10 and 50 concurrent senders, in the same
 * emulator run, with each step's median from the endpoint's own clock; then that every accepted
 * delivery was applied exactly once (the delivery documents' `applications`). GitHub-signed
 * (HMAC-SHA256 of the raw body, the documented algorithm) `issues.edited` deliveries of a task
 * the integration has stored, each with its own delivery id so none is a duplicate.
 */
import { randomUUID } from "node:crypto";
import { db } from "../../functions/src/store/db";
import { refs } from "../../functions/src/store/refs";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { FUNCTIONS_URL, type GitHubSimulator, hmacSha256Hex, octokitExample } from "@taskbridge/simulators";
import { WEBHOOK_STEPS } from "../../functions/src/webhooks/step-timer";
import { percentile } from "../support/percentile";
import { record } from "../support/results";
import { parseServerTiming } from "../support/server-timing";
import { GITHUB_BENCH_REPO, githubShape } from "../support/shapes";
import { measurePass } from "../support/sync-pass";
import { workerStartsBetween } from "../support/worker-starts";

const SECRET = "bench-webhook-secret";
/** The functions the scenario's answers and their triggers run in (FUNCTION_TARGET as the emulator sets it). */
const MEASURED_TARGETS = ["webhooks", "applyWebhookDelivery", "benchBareCreate", "benchTriggeredCreate", "benchTriggeredNoop"];
const WARM_UP_ROUNDS = 5;
/**
 * Enough samples that a p99 is not simply the slowest answer: 300 at 1 sender (p99 is the 3rd
 * slowest), 500 at 10. With 60, one emulator hiccup set the p99 by itself.
 */
const ALL_LEVELS: Array<{ senders: number; perSender: number }> = [
  { senders: 1, perSender: 300 },
  { senders: 10, perSender: 50 },
  { senders: 50, perSender: 10 },
];
/**
 * Each function's samples are taken in this many alternating blocks, pooled. One block per
 * function let a single stall of the emulator (a JVM pause, a worker start) fall on one
 * function's block and set its p99 alone: in one run it put the bare create's 10-sender p99 at
 * 359 ms against 160 in the others. The order turns each round (bare, triggered, webhooks; then
 * triggered, webhooks, bare; …), so each function comes first, right after the previous round's
 * appliers, equally often: with a fixed order the bare create always came first, and two runs
 * put its 10-sender p99 at 1,109 and 265 ms, above the webhooks' own. Each block carries only its
 * own triggers: the appliers of a webhooks block finish before the next block.
 */
const ROUNDS = 6;
/** BENCH_WEBHOOK_SENDERS="1,10" measures only those levels (50 senders on a loaded machine can take minutes). */
const wanted = process.env.BENCH_WEBHOOK_SENDERS?.split(",").map((n) => Number(n.trim()));
const LEVELS = wanted ? ALL_LEVELS.filter((level) => wanted.includes(level.senders)) : ALL_LEVELS;

/** One answer: its latency in ms (null when it was not 200) and the endpoint's own step split (Server-Timing). */
interface Sample {
  ms: number | null;
  /** The endpoint answered `accepted` (a new delivery, not a duplicate). */
  accepted: boolean;
  steps: Record<string, number>;
}
type Send = () => Promise<Sample>;

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
    const signature = `sha256=${hmacSha256Hex(SECRET, body)}`;

    const webhook: Send = () =>
      timed(`${FUNCTIONS_URL}/webhooks/github/${integrationId}`, body, {
        "X-GitHub-Event": "issues",
        "X-GitHub-Delivery": randomUUID(),
        "X-Hub-Signature-256": signature,
      });
    const bare: Send = () => timed(`${FUNCTIONS_URL}/benchBareCreate`, body, {});
    const triggered: Send = () => timed(`${FUNCTIONS_URL}/benchTriggeredCreate`, body, {});

    let accepted = 0;
    const countAccepted = (samples: Sample[]) => (accepted += samples.filter((sample) => sample.accepted).length);
    for (const { senders, perSender } of LEVELS) {
      const scenario = `webhook ack, ${senders} sender${senders > 1 ? "s" : ""}`;
      const warmUpFromMs = Date.now();
      // Warm-up, ramped: the emulator runs one request per worker process and starts a new
      // process for each concurrent request it has no idle worker for; 50 at once on 2 cores
      // can miss its start-up deadline. Five rounds per step, so the pools (the applier's too,
      // whose runs outlast the answers) have grown before the measured requests and the p99 is
      // not a process start that the next round would not pay.
      for (let step = Math.min(10, senders); step <= senders; step += 10) {
        await concurrently(step, WARM_UP_ROUNDS, bare);
        await concurrently(step, WARM_UP_ROUNDS, triggered);
        countAccepted(await concurrently(step, WARM_UP_ROUNDS, webhook));
      }
      await settle(integrationId, accepted);
      const bareAll: Sample[] = [];
      const triggeredAll: Sample[] = [];
      const hookAll: Sample[] = [];
      const perBlock = Math.ceil(perSender / ROUNDS);
      const blocks: Array<{ send: Send; into: Sample[] }> = [
        { send: bare, into: bareAll },
        { send: triggered, into: triggeredAll },
        { send: webhook, into: hookAll },
      ];
      const measuredFromMs = Date.now();
      recordWorkerStarts(scenario, "in the warm-up", warmUpFromMs, measuredFromMs);
      for (let round = 0; round < ROUNDS; round += 1) {
        for (let i = 0; i < blocks.length; i += 1) {
          const { send, into } = blocks[(round + i) % blocks.length]!;
          const samples = await concurrently(senders, perBlock, send);
          if (send === webhook) countAccepted(samples);
          into.push(...samples);
          await settle(integrationId, accepted);
          await quiet();
        }
      }
      recordWorkerStarts(scenario, "while measuring", measuredFromMs, Date.now());
      const bareMs = latencies(bareAll);
      const hookMs = latencies(hookAll);
      const triggeredMs = latencies(triggeredAll);
      const failed = bareAll.length - bareMs.length + triggeredAll.length - triggeredMs.length + hookAll.length - hookMs.length;
      const samples = `${hookMs.length} deliveries, ${bareMs.length} bare and ${triggeredMs.length} triggered creates${failed ? `; ${failed} answers were not 200 and are not samples` : ""}`;
      for (const p of [50, 99]) {
        const ours = percentileOf(hookMs, p);
        const base = percentileOf(bareMs, p);
        record({ scenario, what: `p${p} webhooks`, value: ours, unit: "ms", target: "—", source: samples });
        record({ scenario, what: `p${p} bare create`, value: base, unit: "ms", target: "—", source: samples });
        const withTrigger = percentileOf(triggeredMs, p);
        record({ scenario, what: `p${p} triggered create`, value: withTrigger, unit: "ms", target: "—", source: samples });
        const target = senders === 1 ? "≤ 2" : senders === 10 && p === 99 ? "≤ 1.5" : "—";
        record({ scenario, what: `p${p} webhooks ÷ bare create`, value: ratio(ours, base), unit: "×", target, source: "ratio of p webhooks and p bare create" });
        // What a trigger's dispatch alone costs on the emulator, and what is left that is ours.
        record({ scenario, what: `p${p} triggered create ÷ bare create`, value: ratio(withTrigger, base), unit: "×", target: "—", source: "no-op trigger on the created document" });
        record({ scenario, what: `p${p} webhooks ÷ triggered create`, value: ratio(ours, withTrigger), unit: "×", target: "—", source: "ratio of p webhooks and p triggered create" });
      }
      record({ scenario, what: "answers other than 200", value: failed, unit: "", target: "0", source: "all three functions" });
      recordCacheMisses(scenario, hookAll);
      recordSplit(scenario, hookAll);
    }
    await recordApplications(integrationId, accepted);
  } finally {
    await shape.sim.stop();
  }
}

/** Null when no answer was a sample (every one failed), so the row says so instead of NaN. */
function percentileOf(ms: number[], p: number): number | null {
  return ms.length ? percentile(ms, p) : null;
}

function ratio(a: number | null, b: number | null): number | null {
  return a !== null && b !== null ? a / b : null;
}

/**
 * Waits (up to 2 min) until the applier has processed every delivery accepted so far, so one
 * measurement's appliers do not load the next; returns how many are processed.
 */
async function settle(integrationId: string, accepted: number): Promise<number> {
  const deadline = Date.now() + 120_000;
  let processed = 0;
  while (Date.now() < deadline) {
    processed = (await deliveries(integrationId).where("processed", "==", true).count().get()).data().count;
    if (processed >= accepted) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return processed;
}

function deliveries(integrationId: string) {
  return db().collection("webhookDeliveries").where("integrationId", "==", integrationId);
}

/** Every accepted delivery applied exactly once: each record's `applications` (webhooks/apply-recorded.ts). */
async function recordApplications(integrationId: string, accepted: number): Promise<void> {
  await settle(integrationId, accepted);
  const records = (await deliveries(integrationId).get()).docs.map((doc) => doc.data() as { processed?: boolean; applications?: number });
  const scenario = "webhook deliveries, all levels";
  const source = "answers `accepted` counted by the bench; the delivery documents' processed and applications fields";
  record({ scenario, what: "deliveries accepted", value: accepted, unit: "", target: "—", source });
  record({ scenario, what: "delivery documents", value: records.length, unit: "", target: "= accepted", source });
  record({ scenario, what: "applied exactly once", value: records.filter((r) => r.processed === true && r.applications === 1).length, unit: "", target: "= accepted", source });
  record({ scenario, what: "applied more than once", value: records.filter((r) => (r.applications ?? 0) > 1).length, unit: "", target: "0", source });
  record({ scenario, what: "not applied after 2 min", value: records.filter((r) => r.processed !== true).length, unit: "", target: "0", source });
}

/** Latency of one POST until its whole answer arrived; anything but 200 is not a sample. */
async function timed(url: string, body: string, headers: Record<string, string>): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  const ms = performance.now() - started;
  const accepted = res.status === 200 && text.includes('"accepted"');
  return { ms: res.status === 200 ? ms : null, accepted, steps: parseServerTiming(res.headers.get("server-timing")) };
}

function latencies(samples: Sample[]): number[] {
  return samples.flatMap((sample) => (sample.ms === null ? [] : [sample.ms]));
}

/** Of some answers: the median of each step the endpoint timed, of its whole handler, and of the rest of the client's latency. */
function medianSplit(samples: Sample[]): { steps: Record<string, number>; handler: number; outside: number } {
  const median = (values: number[]) => percentile(values, 50);
  const steps = Object.fromEntries(WEBHOOK_STEPS.map((step) => [step, median(samples.map((sample) => sample.steps[step] ?? 0))]));
  return {
    steps,
    handler: median(samples.map((sample) => sample.steps.total as number)),
    outside: median(samples.map((sample) => (sample.ms as number) - (sample.steps.total as number))),
  };
}

/**
 * The median of each step the endpoint timed itself (webhooks/step-timer.ts), of its whole
 * handler, and of what is outside the handler (the emulator's proxy and worker dispatch, the
 * framework's body parsing, the network): the client's latency minus the handler's total.
 * Then the same for the tail alone (the answers at or above the p99), as the medians of all
 * answers hide which step a slow answer spent its time on: a tail spent outside the handler is
 * the emulator's dispatch and the cores' contention, one spent inside shows its step.
 */
function recordSplit(scenario: string, samples: Sample[]): void {
  const timed = samples.filter((sample) => sample.ms !== null && sample.steps.total !== undefined);
  if (!timed.length) return;
  const all = medianSplit(timed);
  const source = `median over ${timed.length} accepted deliveries, the endpoint's Server-Timing`;
  for (const step of WEBHOOK_STEPS) record({ scenario, what: `p50 step: ${step}`, value: all.steps[step]!, unit: "ms", target: "—", source });
  record({ scenario, what: "p50 in the handler (all steps)", value: all.handler, unit: "ms", target: "—", source });
  record({ scenario, what: "p50 outside the handler", value: all.outside, unit: "ms", target: "—", source: "client latency − handler total" });

  const p99 = percentile(latencies(timed), 99);
  const tailSamples = timed.filter((sample) => (sample.ms as number) >= p99);
  const tail = medianSplit(tailSamples);
  const tailSource = `median over the ${tailSamples.length} accepted deliveries at or above the p99 (${p99.toFixed(1)} ms), the endpoint's Server-Timing`;
  record({ scenario, what: "p99 tail: in the handler", value: tail.handler, unit: "ms", target: "—", source: tailSource });
  record({ scenario, what: "p99 tail: outside the handler", value: tail.outside, unit: "ms", target: "—", source: tailSource });
  const slowest = WEBHOOK_STEPS.reduce((a, b) => (tail.steps[b]! > tail.steps[a]! ? b : a));
  record({ scenario, what: `p99 tail: slowest step (${slowest})`, value: tail.steps[slowest]!, unit: "ms", target: "—", source: tailSource });
}

/**
 * How many answers read the credential and the integration instead of the per-instance cache
 * (store/webhook-target-cache.ts): each emulator worker process has its own cache, so each
 * misses once per TTL. Beside it, the p99 of the answers that hit, so what a miss costs the tail
 * shows apart.
 */
function recordCacheMisses(scenario: string, samples: Sample[]): void {
  const timed = samples.filter((sample) => sample.ms !== null && sample.steps.total !== undefined);
  // Only a miss decrypts; a hit's lookup is a map read of microseconds, a miss's two Firestore reads.
  const isMiss = (sample: Sample) => (sample.steps.decrypt ?? 0) > 0 || (sample.steps.lookup ?? 0) >= 0.5;
  const hits = latencies(timed.filter((sample) => !isMiss(sample)));
  const source = `${timed.length} accepted deliveries, the endpoint's Server-Timing (decrypt or lookup ≥ 0.5 ms)`;
  record({ scenario, what: "answers that missed the secrets cache", value: timed.length - hits.length, unit: "", target: "—", source });
  record({ scenario, what: "p99 webhooks, cache hits only", value: percentileOf(hits, 99), unit: "ms", target: "—", source });
}

/**
 * Worker processes the emulator started in a level's warm-up or while its blocks were measured, per function: an
 * answer that waited for one pays the process start and the first Firestore connection, seconds
 * on these cores, so a few such answers are a p99 by themselves. The warm-up is meant to start
 * them all and leave none to start while measuring; its own count shows the log works.
 */
function recordWorkerStarts(scenario: string, when: "in the warm-up" | "while measuring", fromMs: number, toMs: number): void {
  const starts = workerStartsBetween(fromMs, toMs);
  const source = `instrumentation/worker-starts.cjs: processes whose start fell ${when}`;
  for (const target of MEASURED_TARGETS) {
    record({ scenario, what: `worker processes started ${when}: ${target}`, value: starts.get(target) ?? 0, unit: "", target: when === "while measuring" ? "0" : "—", source });
  }
}

/** Lets the appliers the last deliveries started finish, so one measurement's tail does not load the next. */
async function quiet(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
}

/** `senders` loops, each sending `perSender` requests one after another; all latencies. */
async function concurrently(senders: number, perSender: number, send: Send): Promise<Sample[]> {
  const loops = Array.from({ length: senders }, async () => {
    const mine: Sample[] = [];
    for (let i = 0; i < perSender; i += 1) mine.push(await send());
    return mine;
  });
  return (await Promise.all(loops)).flat();
}
