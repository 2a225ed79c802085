/** firestore.indexes.json is deployed as is: check it with firebase-tools' own validator, and that every expiring collection has its TTL policy. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXPIRING_COLLECTIONS } from "../../../src/store/refs";

interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
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
});
