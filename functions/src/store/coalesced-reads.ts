/**
 * At most one read per key runs at a time in this instance, and callers who ask while one runs
 * share it, or share the one read queued behind it. With `concurrency` above 1 a burst of
 * deliveries to a cold instance then reads an integration once, not once per request, and a
 * flood of forged signatures costs at most one read in flight and one queued per integration,
 * whatever its rate.
 *
 * Freshness is the caller's to ask for: `ticket()` taken when a request arrives, passed to
 * `read`, means "only a read that starts after this ticket will do". A running read that began
 * earlier is then not shared; the caller gets the queued one, which starts when the running one
 * settles. `read` says of what it returns whether it is fresh for a ticket, so a caller can
 * first take whatever is running and ask for a fresh read only when the answer matters.
 */
export interface SharedRead<T> {
  value: T;
  /** Whether the read began after `ticket` was taken. */
  freshFor(ticket: number): boolean;
}

interface Running<T> {
  startedAs: number;
  promise: Promise<SharedRead<T>>;
}

interface Queued<T> {
  start: () => Promise<T>;
  promise: Promise<SharedRead<T>>;
  settle(read: Promise<SharedRead<T>>): void;
}

interface Slot<T> {
  running: Running<T>;
  queued?: Queued<T>;
}

export class CoalescedReads<T> {
  /** How many reads have started: a read's number is its place in that count, so tickets need no clock. */
  private started = 0;
  private readonly slots = new Map<string, Slot<T>>();

  /** Reads that start from now on are fresh for this ticket. */
  ticket(): number {
    return this.started;
  }

  /**
   * `start` runs only when this call is the one that starts a read (nobody's read of `key` is
   * running, or this call queued the next one); otherwise this call shares another caller's.
   * Without `freshAfter` any read of `key` will do, the running one included.
   */
  read(key: string, start: () => Promise<T>, freshAfter?: number): Promise<SharedRead<T>> {
    const slot = this.slots.get(key);
    if (!slot) return this.launch(key, start).promise;
    if (freshAfter === undefined || slot.running.startedAs >= freshAfter) return slot.running.promise;
    if (slot.queued) return slot.queued.promise;
    slot.queued = queued(start);
    return slot.queued.promise;
  }

  private launch(key: string, start: () => Promise<T>): Running<T> {
    const startedAs = this.started++;
    // A start that throws at once fails its callers like one that rejects, and still lets the queue move on.
    const promise = new Promise<T>((resolve) => resolve(start())).then((value) => ({ value, freshFor: (ticket: number) => startedAs >= ticket }));
    const running = { startedAs, promise };
    const slot = this.slots.get(key);
    if (slot) slot.running = running;
    else this.slots.set(key, { running });
    // Whichever way it settles, the next queued read starts, or the key leaves the map (no memory per key once quiet).
    promise.then(
      () => this.next(key),
      () => this.next(key),
    );
    return running;
  }

  private next(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    const waiting = slot.queued;
    if (!waiting) {
      this.slots.delete(key);
      return;
    }
    slot.queued = undefined;
    waiting.settle(this.launch(key, waiting.start).promise);
  }
}

function queued<T>(start: () => Promise<T>): Queued<T> {
  let settle!: (read: Promise<SharedRead<T>>) => void;
  const promise = new Promise<SharedRead<T>>((resolve) => {
    settle = resolve;
  });
  return { start, promise, settle };
}
