import { decideTaskWrite, decideTombstone, isOutdatedBy, noWriteOnRead, type TaskVersionState } from "../../../src/store/task-version";

const t = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));
const live = (minute: number, contentHash = "h"): TaskVersionState => ({ updatedAt: t(minute), deleted: false, contentHash });
const tombstone = (minute: number): TaskVersionState => ({ updatedAt: t(minute), deleted: true, contentHash: "h" });
const incoming = (minute: number, contentHash = "h2") => ({ updatedAt: t(minute), contentHash });

describe("the task version rule", () => {
  it("writes a new, newer or changed task, and skips an unchanged or older one", () => {
    expect(decideTaskWrite(undefined, incoming(1))).toBe("write");
    expect(decideTaskWrite(live(1), incoming(2))).toBe("write");
    expect(decideTaskWrite(live(1), incoming(1, "other"))).toBe("write");
    expect(decideTaskWrite(live(1, "same"), incoming(1, "same"))).toBe("unchanged");
    expect(decideTaskWrite(live(2), incoming(1))).toBe("stale");
  });

  it("lets only a strictly newer version past a tombstone", () => {
    expect(decideTaskWrite(tombstone(5), incoming(4))).toBe("tombstone-holds");
    expect(decideTaskWrite(tombstone(5), incoming(5, "h"))).toBe("tombstone-holds");
    expect(decideTaskWrite(tombstone(5), incoming(6))).toBe("write");
  });

  it("settles on an earlier read only what writes nothing, and leaves every write to the transaction", () => {
    expect(noWriteOnRead(live(1, "same"), incoming(1, "same"))).toBe("unchanged");
    expect(noWriteOnRead(live(2), incoming(1))).toBe("stale");
    expect(noWriteOnRead(tombstone(5), incoming(5, "h"))).toBe("stale");
    expect(noWriteOnRead(undefined, incoming(1))).toBeNull();
    expect(noWriteOnRead(live(1), incoming(2))).toBeNull();
    expect(noWriteOnRead(live(1), incoming(1, "other"))).toBeNull();
    expect(noWriteOnRead(tombstone(5), incoming(6))).toBeNull();
  });

  it("tells an event that can change nothing before anything is fetched", () => {
    expect(isOutdatedBy(live(5), t(4))).toBe(true);
    expect(isOutdatedBy(live(5), t(5))).toBe(false);
    expect(isOutdatedBy(tombstone(5), t(5))).toBe(true);
    expect(isOutdatedBy(tombstone(5), t(6))).toBe(false);
    expect(isOutdatedBy(live(5), null)).toBe(false);
    expect(isOutdatedBy(undefined, t(1))).toBe(false);
  });

  it("keeps the later of the deletion's and the stored version in the tombstone, and refuses an older deletion", () => {
    expect(decideTombstone(live(5), t(7))).toEqual({ kind: "tombstone", version: t(7) });
    expect(decideTombstone(live(5), null)).toEqual({ kind: "tombstone", version: t(5) });
    expect(decideTombstone(live(5), t(4))).toEqual({ kind: "stale" });
    expect(decideTombstone(tombstone(5), t(5))).toEqual({ kind: "unchanged" });
    expect(decideTombstone(tombstone(5), t(8))).toEqual({ kind: "tombstone", version: t(8) });
    expect(decideTombstone(undefined, t(1))).toEqual({ kind: "unchanged" });
  });
});
