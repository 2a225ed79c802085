// The deployed functions, one line each. Only what works is exported.
import "./config";

export { syncProject, fanOutSync, onSyncRunWritten, reconcileSchedule as reconcile } from "./sync/functions";
export { requestSyncCallable as requestSync, cancelSyncCallable as cancelSync } from "./api/functions";
export { cleanupSchedule as cleanup } from "./maintenance/functions";
