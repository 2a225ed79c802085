// The deployed functions, one line each. Only what works is exported.
import "./config";

export { reconcileSchedule as reconcile } from "./sync/functions";
export { fanOutSync } from "./sync/functions";
export { syncProject } from "./sync/functions";
export { onSyncRunWritten } from "./sync/functions";
export { requestSyncCallable as requestSync } from "./api/functions";
export { cancelSyncCallable as cancelSync } from "./api/functions";
export { completeTaskCallable as completeTask } from "./api/functions";
export { commentOnTaskCallable as commentOnTask } from "./api/functions";
export { createTaskCallable as createTask } from "./api/functions";
export { cleanupSchedule as cleanup } from "./maintenance/functions";
export { webhooks } from "./webhooks/functions";
export { applyWebhookDelivery } from "./webhooks/functions";
export { registerWebhooksCallable as registerWebhooks } from "./webhooks/functions";
export { connectProviderCallable as connectProvider } from "./connections/functions";
export { oauthCallback as oauth } from "./connections/functions";
export { connectWithTokenCallable as connectWithToken } from "./connections/functions";
export { disconnectIntegrationCallable as disconnectIntegration } from "./connections/functions";
