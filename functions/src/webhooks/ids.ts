/**
 * What a webhook request may use to name a document. Checked before any id reaches Firestore:
 * Firestore refuses ids it reserves (`__…__`), `.` and `..`, and ids over 1,500 bytes with an
 * INVALID_ARGUMENT that would otherwise surface as a 500 (issue 13 item 8).
 */

/** Integration ids we create: `{provider}-{24 hex}` (connections/connection-store.ts); the test seeds use `int-{12 hex}`. */
const INTEGRATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Firestore's reserved document ids. */
const RESERVED = /^__.*__$/;

export function isValidIntegrationId(id: string): boolean {
  return INTEGRATION_ID.test(id) && !RESERVED.test(id);
}

/**
 * Delivery ids come from the provider: a GUID header (GitHub, Linear), a body's event id (Plane),
 * or an id we derive (ClickUp's readable ids stay within 300 characters, then become a hash). So:
 * 1 to 300 visible ASCII characters. Encoded into the delivery's document id with the provider
 * and the integration id, that stays under Firestore's 1,500-byte bound.
 */
export const MAX_DELIVERY_ID_LENGTH = 300;
const DELIVERY_ID = /^[\x21-\x7e]+$/;

/** Why a delivery id cannot be used, or null when it can. */
export function deliveryIdProblem(id: string): string | null {
  if (id.length === 0) return "the delivery id is empty";
  if (id.length > MAX_DELIVERY_ID_LENGTH) return `the delivery id is longer than ${MAX_DELIVERY_ID_LENGTH} characters`;
  if (!DELIVERY_ID.test(id)) return "the delivery id has characters other than visible ASCII";
  return null;
}
