/** firestore.indexes.json is deployed as is: check it with firebase-tools' own validator, and that every expiring collection has its TTL policy. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WebhookDeliverySchema } from "../../../src/domain/webhook-delivery";
import { COLLECTIONS, EXPIRING_COLLECTIONS } from "../../../src/store/refs";

interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  indexes?: unknown[];
}

const spec = JSON.parse(readFileSync(join(__dirname, "../../../../firestore.indexes.json"), "utf8")) as { indexes: unknown[]; fieldOverrides: FieldOverride[] };

describe("firestore.indexes.json", () => {
  it("passes firebase-tools' validation", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FirestoreApi } = require("firebase-tools/lib/firestore/api") as { FirestoreApi: new () => { validateSpec(spec: unknown): void } };
    expect(() => new FirestoreApi().validateSpec(spec)).not.toThrow();
  });

  it.each([...EXPIRING_COLLECTIONS])("declares a TTL policy on %s.expireAt (cleanup deletes them too)", (collection) => {
    expect(spec.fieldOverrides).toContainEqual(expect.objectContaining({ collectionGroup: collection, fieldPath: "expireAt", ttl: true }));
  });

  // The webhook's ack waits for the delivery's create, and index fanout is the main part of a
  // write's latency; nothing deployed reads an index of this collection but the cleanup's
  // `expireAt <` (the bench's counts run on the emulator, which does not load this file).
  const QUERIED_DELIVERY_FIELDS = ["expireAt"];
  it.each(Object.keys(WebhookDeliverySchema.shape).filter((field) => !QUERIED_DELIVERY_FIELDS.includes(field)))(
    "exempts webhookDeliveries.%s from indexing (never queried)",
    (field) => {
      expect(spec.fieldOverrides).toContainEqual({ collectionGroup: COLLECTIONS.webhookDeliveries, fieldPath: field, indexes: [] });
    },
  );
});
