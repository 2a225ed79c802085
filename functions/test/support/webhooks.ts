import type { DocumentReference } from "firebase-admin/firestore";
import { db } from "../../src/store/db";
import { refs } from "../../src/store/refs";
import { waitFor } from "@taskbridge/emulator-support";
import { FUNCTIONS_URL } from "@taskbridge/simulators";

export interface WebhookResponse {
  status: number;
  body: { status?: string; reason?: string } | null;
  headers: Headers;
}

/** Sends a delivery to the emulated `webhooks` function exactly as given: these bytes are what the signature covers. */
export async function postWebhook(
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
  method = "POST",
): Promise<WebhookResponse> {
  const res = await fetch(`${FUNCTIONS_URL}/webhooks/${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(method === "GET" || method === "HEAD" ? {} : { body: typeof body === "string" ? body : new Uint8Array(body) }),
  });
  const text = await res.text();
  let parsed: WebhookResponse["body"] = null;
  try {
    parsed = text ? (JSON.parse(text) as WebhookResponse["body"]) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Everything a delivery could write, so a test can assert that a rejection wrote nothing. */
export interface WriteSnapshot {
  deliveries: number;
  tasks: number;
  credentialsUpdateTime: string | null;
}

export async function writeSnapshot(orgId: string, integrationId: string): Promise<WriteSnapshot> {
  const [deliveries, tasks, credentials] = await Promise.all([
    db().collection("webhookDeliveries").where("integrationId", "==", integrationId).count().get(),
    db().collection(`orgs/${orgId}/tasks`).count().get(),
    (refs.credentials(integrationId) as DocumentReference).get(),
  ]);
  return {
    deliveries: deliveries.data().count,
    tasks: tasks.data().count,
    credentialsUpdateTime: credentials.updateTime?.toDate().toISOString() ?? null,
  };
}

/** Waits until the applier has marked the delivery processed. */
export async function waitForProcessed(provider: string, integrationId: string, deliveryId: string): Promise<void> {
  await waitFor(`delivery ${provider}:${deliveryId} processed`, async () =>
    (await refs.webhookDelivery(provider, integrationId, deliveryId).get()).data()?.processed === true ? true : undefined,
  );
}
