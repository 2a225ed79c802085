import { Timestamp } from "firebase-admin/firestore";
import { refs } from "./refs";

/* eventMarkers/{key}: once-only markers for at-least-once events (Pub/Sub message ids). */

export async function hasEventMarker(key: string): Promise<boolean> {
  return (await refs.eventMarker(key).get()).exists;
}

/** Records that the event named `key` was handled; the marker expires at `expireAt` (TTL and cleanup). */
export async function setEventMarker(key: string, expireAt: Date): Promise<void> {
  await refs.eventMarker(key).set({ expireAt: Timestamp.fromDate(expireAt) });
}
