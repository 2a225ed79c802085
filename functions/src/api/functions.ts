import { onCall } from "firebase-functions/https";
import { tokenEncryptionKey } from "../config";
import { cancelSync, requestSync } from "./sync-control";

export const requestSyncCallable = onCall({ secrets: [tokenEncryptionKey], timeoutSeconds: 120 }, requestSync);
export const cancelSyncCallable = onCall({}, cancelSync);
