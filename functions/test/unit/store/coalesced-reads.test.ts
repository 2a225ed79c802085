import { CoalescedReads } from "../../../src/store/coalesced-reads";

/** A read the test finishes by hand, so it can ask while one is running. */
function controlledReads() {
  const started: { key: string; finish(value: string): void; fail(error: Error): void }[] = [];
  const start = (key: string) => () =>
    new Promise<string>((resolve, reject) => {
      started.push({ key, finish: resolve, fail: reject });
    });
  return { started, start };
}

/** Lets every settled read's follow-ups (the next queued start) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("reads shared per key", () => {
  it("starts one read for every caller that asks while none is running, and all get its value", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const answers = Promise.all([1, 2, 3, 4, 5].map(() => reads.read("int-a", start("int-a"))));
    expect(started).toHaveLength(1);
    started[0]!.finish("secrets v1");
    expect((await answers).map((shared) => shared.value)).toEqual(Array(5).fill("secrets v1"));
  });

  it("gives a caller that needs a fresh read the one queued behind the running read, shared by everyone who asks meanwhile", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const early = reads.read("int-b", start("int-b"));
    const ticket = reads.ticket();
    const fresh = [1, 2, 3].map(() => reads.read("int-b", start("int-b"), ticket));
    expect(started).toHaveLength(1);

    started[0]!.finish("before the rotation");
    await settle();
    // The queued read starts only once the running one is over: never two at a time.
    expect(started).toHaveLength(2);
    started[1]!.finish("after the rotation");

    const earlyRead = await early;
    expect(earlyRead.value).toBe("before the rotation");
    expect(earlyRead.freshFor(ticket)).toBe(false);
    for (const read of await Promise.all(fresh)) {
      expect(read.value).toBe("after the rotation");
      expect(read.freshFor(ticket)).toBe(true);
    }
  });

  it("shares a running read that began after the ticket", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const ticket = reads.ticket();
    const first = reads.read("int-c", start("int-c"), ticket);
    const second = reads.read("int-c", start("int-c"), ticket);
    expect(started).toHaveLength(1);
    started[0]!.finish("one read");
    expect((await second).value).toBe("one read");
    expect((await first).freshFor(ticket)).toBe(true);
  });

  it("keeps keys apart", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const a = reads.read("int-d", start("int-d"));
    const b = reads.read("int-e", start("int-e"));
    expect(started.map((read) => read.key)).toEqual(["int-d", "int-e"]);
    started[1]!.finish("e");
    started[0]!.finish("d");
    expect([(await a).value, (await b).value]).toEqual(["d", "e"]);
  });

  it("fails every caller of a read that fails, then starts afresh for the next caller", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const callers = [reads.read("int-f", start("int-f")), reads.read("int-f", start("int-f"))];
    started[0]!.fail(new Error("UNAVAILABLE"));
    for (const caller of callers) await expect(caller).rejects.toThrow("UNAVAILABLE");

    const again = reads.read("int-f", start("int-f"));
    expect(started).toHaveLength(2);
    started[1]!.finish("recovered");
    expect((await again).value).toBe("recovered");
  });

  it("fails the callers of a queued read whose start throws at once, and moves on", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const running = reads.read("int-g", start("int-g"));
    const queued = reads.read(
      "int-g",
      () => {
        throw new Error("no keyring");
      },
      reads.ticket(),
    );
    started[0]!.finish("ok");
    await expect(running).resolves.toMatchObject({ value: "ok" });
    await expect(queued).rejects.toThrow("no keyring");

    await settle();
    const next = reads.read("int-g", start("int-g"));
    expect(started).toHaveLength(2);
    started[1]!.finish("next");
    expect((await next).value).toBe("next");
  });

  it("runs a new read for a caller who asks after the last one settled", async () => {
    const reads = new CoalescedReads<string>();
    const { started, start } = controlledReads();
    const first = reads.read("int-h", start("int-h"));
    started[0]!.finish("first");
    await first;
    await settle();
    const second = reads.read("int-h", start("int-h"));
    expect(started).toHaveLength(2);
    started[1]!.finish("second");
    expect((await second).value).toBe("second");
  });
});
