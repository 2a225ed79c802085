import { Timestamp } from "firebase-admin/firestore";
import { refs } from "./refs";

/*
 * webhookHandshakes/{integrationId}: open while a registration waits for a provider's handshake
 * (Asana's X-Hook-Secret); `expireAt` closes it. When to open it and for how long is
 * webhooks/registration.ts's.
 */

export async function openHandshakeWindow(integrationId: string, orgId: string, until: Date): Promise<void> {
  await refs.webhookHandshake(integrationId).set({ orgId, expireAt: Timestamp.fromDate(until) });
}

export async function closeHandshakeWindow(integrationId: string): Promise<void> {
  await refs.webhookHandshake(integrationId).delete();
}

/** Until when a handshake is awaited for the integration; null when none is. */
export async function handshakeWindowEnd(integrationId: string): Promise<Date | null> {
  const window = await refs.webhookHandshake(integrationId).get();
  const until = window.get("expireAt") as Timestamp | undefined;
  return window.exists && until ? until.toDate() : null;
}
