import { logger } from "firebase-functions";
import type { Integration } from "../domain/integration";
import { refs } from "../store/refs";
import { publishSyncRequests } from "./publish";
import { scheduledRequestId, type SyncRequest } from "./sync-request";
import { FULL_SYNC_INTERVAL_MS } from "./timing";

/**
 * The hourly reconciliation: one `integration-sync` message per connected integration, all
 * sharing this hour's request id. A plain function, so it can run on demand (the emulator never
 * fires schedules). Returns the requests published.
 */
export async function reconcile(now: Date): Promise<SyncRequest[]> {
  const connected = await refs.allIntegrations().where("status", "==", "connected").get();
  const requestId = scheduledRequestId(now);
  const requests: SyncRequest[] = [];
  for (const doc of connected.docs) {
    const orgId = doc.ref.parent.parent?.id;
    if (!orgId || doc.ref.path !== refs.integration(orgId, doc.id).path) continue;
    requests.push({ orgId, integrationId: doc.id, trigger: "scheduled", mode: modeFor(doc.data(), now), requestId });
  }
  await publishSyncRequests(requests);
  logger.info("reconcile published", { integrations: requests.length, requestId });
  return requests;
}

/** Full when the integration's last full pass is older than a day; fan-out also escalates per project. */
export function modeFor(integration: Integration, now: Date): SyncRequest["mode"] {
  const last = integration.syncState.lastFullSyncAt;
  return last && now.getTime() - last.getTime() < FULL_SYNC_INTERVAL_MS ? "incremental" : "full";
}
