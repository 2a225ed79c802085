/**
 * index.ts exports every function as a getter that loads its room on first read, so an instance
 * (which reads only its own export) loads only that function's code. These tests hold both halves:
 * the webhook endpoint's instance loads none of the other rooms nor the Pub/Sub client, and
 * discovery (which reads every export) still finds every function with its endpoint.
 */
const EXPECTED_FUNCTIONS = [
  "reconcile",
  "fanOutSync",
  "syncProject",
  "onSyncRunWritten",
  "requestSync",
  "cancelSync",
  "completeTask",
  "commentOnTask",
  "createTask",
  "cleanup",
  "webhooks",
  "applyWebhookDelivery",
  "registerWebhooks",
  "connectProvider",
  "oauth",
  "connectWithToken",
  "disconnectIntegration",
];

type FunctionsModule = Record<string, { __endpoint?: unknown }>;

/** Loads index.ts in a fresh module registry with the named modules replaced by markers that record their loading. */
function loadIndexWatching(watched: string[], read: (index: FunctionsModule) => void): string[] {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const path of watched) {
      jest.doMock(path, () => {
        loaded.push(path);
        return {};
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a load inside isolateModules must be synchronous
    read(require("../../src/index") as FunctionsModule);
  });
  // doMock outlives isolateModules: undo it, so the next load sees the real modules.
  for (const path of watched) jest.dontMock(path);
  return loaded;
}

describe("index.ts", () => {
  it("loads the webhook endpoint without the sync worker, the connect flows, the callables, cleanup or the Pub/Sub client", () => {
    const notNeeded = [
      "@google-cloud/pubsub",
      "../../src/sync/functions",
      "../../src/sync/worker",
      "../../src/connections/functions",
      "../../src/api/functions",
      "../../src/maintenance/functions",
    ];
    const loaded = loadIndexWatching(notNeeded, (index) => {
      expect(index.webhooks?.__endpoint).toMatchObject({ httpsTrigger: {} });
    });
    expect(loaded).toEqual([]);
  });

  it("declares every function to discovery, each with its endpoint", () => {
    const found: Record<string, unknown> = {};
    loadIndexWatching([], (index) => {
      for (const name of Object.keys(index)) found[name] = index[name]?.__endpoint;
    });
    expect(Object.keys(found).sort()).toEqual([...EXPECTED_FUNCTIONS].sort());
    for (const name of EXPECTED_FUNCTIONS) expect(found[name]).toEqual(expect.objectContaining({ platform: "gcfv2" }));
  });
});
