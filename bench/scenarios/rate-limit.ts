/**
 * A Plane-shaped initial sync under a simulated limit of 5 requests per minute (the
 * simulator's fixed one-minute window per credential, as Plane counts). Enough work items that
 * the pass needs more than one window: at Plane's 1,000 per page, 7,000 work items are 8
 * requests, so the limit is set below Plane's real 60 a minute for it to bind (a pass of more
 * than 60 requests would need 60,000 work items).
 */
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { record } from "../support/results";
import { planeShape } from "../support/shapes";
import { measurePass } from "../support/sync-pass";

const LIMIT_PER_MINUTE = 5;
export const RATE_LIMITED_TASKS = 7_000;

export async function benchRateLimit(): Promise<void> {
  const scenario = `plane N=${RATE_LIMITED_TASKS.toLocaleString("en-US")}, ${LIMIT_PER_MINUTE} req/min`;
  const shape = await planeShape(RATE_LIMITED_TASKS, LIMIT_PER_MINUTE, 60);
  try {
    const orgId = await seedOrg("bench-owner");
    const integrationId = await seedIntegration({ orgId, provider: shape.provider, ...shape.connection });
    const pass = await measurePass(shape, orgId, integrationId, "full", 420_000);
    const rejected = shape.limited();
    const served = pass.requests - rejected;
    // The window opens at the first request and `LIMIT_PER_MINUTE` fit in each: the last of
    // `served` requests cannot go before the start of window ceil(served / limit).
    const minimumMs = (Math.ceil(served / LIMIT_PER_MINUTE) - 1) * 60_000;
    record({ scenario, what: "429 answers", value: rejected, unit: "", target: "0 (the client paces itself)", source: "simulator's rate window" });
    record({ scenario, what: "provider requests served", value: served, unit: "req", target: `> ${LIMIT_PER_MINUTE}, so the limit binds`, source: "simulator request log" });
    record({
      scenario,
      what: "elapsed ÷ theoretical minimum",
      value: minimumMs > 0 ? pass.elapsedMs / minimumMs : null,
      unit: "×",
      target: "≤ 1.5",
      source: minimumMs > 0 ? `elapsed ${(pass.elapsedMs / 1000).toFixed(1)} s (publish → run ended) ÷ ${(minimumMs / 1000).toFixed(0)} s` : "the pass fit in one window: no minimum to compare with",
    });
  } finally {
    await shape.sim.stop();
  }
}
