import type { WebhookEvent } from "../providers/provider";

/**
 * The delivery document carries what the applier needs, the parsed events, and must stay under
 * Firestore's 1 MiB document limit (1,048,576 bytes, field names and the other fields included).
 * Events are far smaller than the body that carried them, but a body may be up to 1 MiB itself
 * (receive.ts MAX_BODY_BYTES), so past this bound the events' task payloads are dropped: the
 * applier then fetches each task from the provider, as it does for a partial payload.
 */
export const MAX_RECORDED_EVENTS_BYTES = 512 * 1024;

export interface RecordedEvents {
  events: string;
  eventsReduced: boolean;
}

/** The events as stored, whole or reduced; null when even the reduced events exceed the bound. */
export function recordEvents(events: WebhookEvent[]): RecordedEvents | null {
  const whole = JSON.stringify(events);
  if (Buffer.byteLength(whole, "utf8") <= MAX_RECORDED_EVENTS_BYTES) return { events: whole, eventsReduced: false };
  const reduced = JSON.stringify(events.map((event) => ({ ...event, task: null })));
  if (Buffer.byteLength(reduced, "utf8") <= MAX_RECORDED_EVENTS_BYTES) return { events: reduced, eventsReduced: true };
  return null;
}
