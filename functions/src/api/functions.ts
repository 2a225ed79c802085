import { onCall } from "firebase-functions/https";
import { CREDENTIAL_SECRETS } from "../oauth/params";
import { cancelSync, requestSync } from "./sync-control";

export const requestSyncCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 }, requestSync);
export const cancelSyncCallable = onCall({}, cancelSync);
