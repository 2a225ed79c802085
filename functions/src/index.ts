// The deployed functions, one line each. Only what works is exported.
//
// Every export is a getter that loads its room's module on first read. An instance serves one
// function and reads only `exports[FUNCTION_TARGET]` (Cloud Functions' framework and the emulator's
// worker alike), so a `webhooks` instance never loads the sync worker, the connect flows or the
// callables: about a third of the load time of the whole bundle (docs/performance.md, cold starts).
// Deploy-time discovery reads every export, so each function is still declared.
import "./config";
import type * as Api from "./api/functions";
import type * as Connections from "./connections/functions";
import type * as Maintenance from "./maintenance/functions";
import type * as Sync from "./sync/functions";
import type * as Webhooks from "./webhooks/functions";

/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on first read is the point; `import type` above keeps the types */
const sync = () => require("./sync/functions") as typeof Sync;
const api = () => require("./api/functions") as typeof Api;
const maintenance = () => require("./maintenance/functions") as typeof Maintenance;
const webhooks = () => require("./webhooks/functions") as typeof Webhooks;
const connections = () => require("./connections/functions") as typeof Connections;
/* eslint-enable @typescript-eslint/no-require-imports */

function exportOnRead(name: string, load: () => unknown): void {
  Object.defineProperty(exports, name, { enumerable: true, get: load });
}

exportOnRead("reconcile", () => sync().reconcileSchedule);
exportOnRead("fanOutSync", () => sync().fanOutSync);
exportOnRead("syncProject", () => sync().syncProject);
exportOnRead("onSyncRunWritten", () => sync().onSyncRunWritten);
exportOnRead("requestSync", () => api().requestSyncCallable);
exportOnRead("cancelSync", () => api().cancelSyncCallable);
exportOnRead("completeTask", () => api().completeTaskCallable);
exportOnRead("commentOnTask", () => api().commentOnTaskCallable);
exportOnRead("createTask", () => api().createTaskCallable);
exportOnRead("cleanup", () => maintenance().cleanupSchedule);
exportOnRead("webhooks", () => webhooks().webhooks);
exportOnRead("applyWebhookDelivery", () => webhooks().applyWebhookDelivery);
exportOnRead("registerWebhooks", () => webhooks().registerWebhooksCallable);
exportOnRead("connectProvider", () => connections().connectProviderCallable);
exportOnRead("oauth", () => connections().oauthCallback);
exportOnRead("connectWithToken", () => connections().connectWithTokenCallable);
exportOnRead("disconnectIntegration", () => connections().disconnectIntegrationCallable);
