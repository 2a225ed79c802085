import { Timestamp } from "firebase/firestore";

/**
 * Firestore hands dates back as Timestamps; the backend's schemas (and apps) want Dates. Walks
 * plain objects and arrays only, so any other value passes through to the schema untouched.
 */
export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, timestampsToDates(field)]));
  }
  return value;
}
