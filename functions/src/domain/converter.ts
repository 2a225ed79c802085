import { Timestamp } from "firebase-admin/firestore";
import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot, SetOptions } from "firebase-admin/firestore";
import type { z } from "zod";
import { ValidationError, parseOrThrow } from "./validation-error";

/**
 * A Firestore converter that validates on both read and write, so a malformed document is a typed
 * error naming its path and field, never a silently wrong value. Dates in the model are
 * Timestamps in Firestore.
 */
export function zodConverter<S extends z.ZodObject>(schema: S, label: string): FirestoreDataConverter<z.infer<S>> {
  return {
    toFirestore(model: unknown, options?: SetOptions): DocumentData {
      const isMerge = options !== undefined && ("merge" in options || "mergeFields" in options);
      // A merge writes only some fields, so it is checked against the same schema with every field optional.
      const checked = isMerge ? parseOrThrow(schema.partial(), model, `${label} (merge write)`) : parseOrThrow(schema, model, `${label} (write)`);
      return checked as DocumentData;
    },
    fromFirestore(snapshot: QueryDocumentSnapshot): z.infer<S> {
      return parseOrThrow(schema, timestampsToDates(snapshot.data()), snapshot.ref.path);
    },
  };
}

/** Reads one document's data through a schema when no converter is attached (e.g. inside a trigger's snapshot). */
export function parseDocument<S extends z.ZodType>(schema: S, data: DocumentData | undefined, path: string): z.infer<S> {
  if (data === undefined) throw new ValidationError(path, [{ field: "", message: "document does not exist" }]);
  return parseOrThrow(schema, timestampsToDates(data), path);
}

export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, timestampsToDates(inner)]));
  }
  return value;
}
