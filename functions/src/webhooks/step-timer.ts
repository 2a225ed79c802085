/**
 * Per-request clock around each step of the webhook endpoint, so a latency figure can be split
 * (issue 14). Only durations are kept: no value, id or secret is ever recorded. The figures leave
 * the process only as a `Server-Timing` header, and only when the process was started with
 * TASKBRIDGE_WEBHOOK_TIMING=1 (bench/run.mjs sets it; no deployment does), so a caller cannot
 * ask for them.
 */
export const WEBHOOK_STEPS = ["lookup", "decrypt", "verify", "parse", "create", "handoff"] as const;
export type WebhookStep = (typeof WEBHOOK_STEPS)[number];

export class StepTimer {
  private readonly spent = new Map<WebhookStep, number>();
  private readonly startedAt = performance.now();

  /** Runs `work`, adding its duration to `step` (a step may run more than once, e.g. two lookups). */
  async time<T>(step: WebhookStep, work: () => Promise<T>): Promise<T> {
    const began = performance.now();
    try {
      return await work();
    } finally {
      this.add(step, performance.now() - began);
    }
  }

  timeSync<T>(step: WebhookStep, work: () => T): T {
    const began = performance.now();
    try {
      return work();
    } finally {
      this.add(step, performance.now() - began);
    }
  }

  /** Adds time measured elsewhere to `step` (the wait for a read another request started). */
  record(step: WebhookStep, ms: number): void {
    this.add(step, ms);
  }

  /** `lookup;dur=1.234, …, total;dur=…`: every step (0 when it did not run) and the whole handler. */
  serverTiming(): string {
    const steps = WEBHOOK_STEPS.map((step) => `${step};dur=${(this.spent.get(step) ?? 0).toFixed(3)}`);
    return [...steps, `total;dur=${(performance.now() - this.startedAt).toFixed(3)}`].join(", ");
  }

  private add(step: WebhookStep, ms: number): void {
    this.spent.set(step, (this.spent.get(step) ?? 0) + ms);
  }
}

/** Whether this process reports step timings (never set in a deployment). */
export function webhookTimingEnabled(): boolean {
  return process.env.TASKBRIDGE_WEBHOOK_TIMING === "1";
}
