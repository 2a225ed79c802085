/** The validating converter on real Firestore: a bad document is a typed error naming its path and field. */
import { randomUUID } from "node:crypto";
import { ValidationError } from "../../src/domain/validation-error";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";

describe("zodConverter", () => {
  it("refuses to read a malformed document, naming the path and the field", async () => {
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    await db().doc(`orgs/${orgId}/stats/sync`).set({ pending: "three", running: 0 });
    const snapshot = await refs.syncStats(orgId).get();
    let error: unknown;
    try {
      snapshot.data();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).where).toBe(`orgs/${orgId}/stats/sync`);
    expect((error as ValidationError).problems.map((p) => p.field)).toEqual(["pending"]);
  });

  it("refuses to write a malformed document, and nothing is written", async () => {
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    // The converter runs before anything is sent, so the write throws at once.
    expect(() => refs.member(orgId, "uid-1").set({ role: "admin" } as never)).toThrow(ValidationError);
    expect(() => refs.member(orgId, "uid-1").set({ role: "admin" } as never)).toThrow(/member \(write\): role/);
    expect((await db().doc(`orgs/${orgId}/members/uid-1`).get()).exists).toBe(false);
  });

  it("stores dates as Timestamps and reads them back as the same Dates", async () => {
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const watermark = new Date("2026-03-04T05:06:07.089Z");
    const project = { provider: "github" as const, integrationId: "int-1", externalId: "1", name: "a/b", url: null, providerRef: "a/b", watermark, lastFullSyncAt: null, updatedAt: watermark };
    await refs.project(orgId, "int-1", "1").set(project);
    expect((await db().doc(`orgs/${orgId}/integrations/int-1/projects/1`).get()).get("watermark").toDate()).toEqual(watermark);
    expect((await refs.project(orgId, "int-1", "1").get()).data()).toEqual(project);
  });
});
