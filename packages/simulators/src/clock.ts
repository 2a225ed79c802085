import type { Clock } from "taskbridge-functions/src/http/types";

/** 2026-01-01T00:00:00Z: where a FakeClock starts unless told otherwise, so reset times are easy to read. */
export const CLOCK_START = Date.UTC(2026, 0, 1);

/**
 * The functions' `Clock` for tests: nothing really sleeps, and every sleep asked for is kept in
 * `sleeps`. By default time stands still at `start` and moves only when slept on or advanced.
 * `FakeClock.onRealTime()` reads the real time instead (sleeps do not move it): for a client
 * talking to a simulator, whose rate windows and reset headers run on Date.now.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private current: number;
  private realTime = false;

  constructor(start = CLOCK_START) {
    this.current = start;
  }

  static onRealTime(): FakeClock {
    const clock = new FakeClock();
    clock.realTime = true;
    return clock;
  }

  now(): number {
    return this.realTime ? Date.now() : this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (!this.realTime) this.current += ms;
  }

  advance(ms: number): void {
    if (this.realTime) throw new Error("a FakeClock on the real time cannot be advanced");
    this.current += ms;
  }
}
