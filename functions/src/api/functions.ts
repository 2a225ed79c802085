import { onCall } from "firebase-functions/https";
import { CREDENTIAL_SECRETS } from "../config/oauth";
import { cancelSync, requestSync } from "./sync-control";
import { commentOnTask } from "./write-back/comment-on-task";
import { completeTask } from "./write-back/complete-task";
import { createTask } from "./write-back/create-task";

export const requestSyncCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 120 }, requestSync);
export const cancelSyncCallable = onCall({}, cancelSync);
export const completeTaskCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 60 }, completeTask);
export const commentOnTaskCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 60 }, commentOnTask);
export const createTaskCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 60 }, createTask);
