import { initializeApp } from "firebase/app";
import { Timestamp, doc, getFirestore, type QueryDocumentSnapshot } from "firebase/firestore";
import { InvalidDocumentError, integrationConverter, syncRunConverter, syncStatsConverter, taskConverter } from "../src/converters";
import { timestampsToDates } from "../src/timestamps";

const db = getFirestore(initializeApp({ projectId: "demo-client-unit" }, "converters"));

/** Just enough of a snapshot for fromFirestore: its id, path and data. */
function snapshot(path: string, data: Record<string, unknown>): QueryDocumentSnapshot {
  const ref = doc(db, path);
  return { id: ref.id, ref, data: () => data } as unknown as QueryDocumentSnapshot;
}

const at = (iso: string) => Timestamp.fromDate(new Date(iso));

const storedTask = {
  id: "github:42",
  provider: "github",
  externalId: "42",
  providerRef: "acme/app#7",
  integrationId: "int-1",
  projectId: "123",
  projectName: "acme/app",
  title: "Fix login",
  description: null,
  url: "https://github.com/acme/app/issues/7",
  status: "in_progress",
  providerStatus: "open",
  assignees: [{ id: "9", name: "octocat" }],
  labels: ["bug"],
  priority: null,
  createdAt: at("2026-01-01T00:00:00Z"),
  updatedAt: at("2026-01-02T10:00:00Z"),
  startAt: null,
  dueAt: at("2026-02-01T08:00:00Z"),
  completedAt: null,
  timeSpentMinutes: 30,
  timeEstimateMinutes: 120,
  estimatePoints: null,
  parentId: null,
  deleted: false,
  contentHash: "abc",
};

describe("taskConverter", () => {
  it("turns Timestamps into Dates, nested ones too, and keeps the document id", () => {
    const task = taskConverter.fromFirestore(snapshot("orgs/o/tasks/github:42", storedTask));
    expect(task.updatedAt).toEqual(new Date("2026-01-02T10:00:00Z"));
    expect(task.dueAt).toEqual(new Date("2026-02-01T08:00:00Z"));
    expect(task.assignees).toEqual([{ id: "9", name: "octocat" }]);
    expect(task.id).toBe("github:42");
    expect(task.timeSpentMinutes).toBe(30);
  });

  it("refuses a document that breaks the schema, naming the path and field but not the data", () => {
    const broken = { ...storedTask, status: "blocked", title: "secret title" };
    const read = () => taskConverter.fromFirestore(snapshot("orgs/o/tasks/github:42", broken));
    expect(read).toThrow(InvalidDocumentError);
    expect(read).toThrow(/orgs\/o\/tasks\/github:42.*status/);
    expect(read).not.toThrow(/secret title/);
  });

  it("refuses to write: clients write nothing", () => {
    expect(() => taskConverter.toFirestore({} as never)).toThrow(/backend only/);
  });
});

describe("the other converters", () => {
  it("reads an integration with its sync state", () => {
    const integration = integrationConverter.fromFirestore(
      snapshot("orgs/o/integrations/int-1", {
        provider: "linear",
        status: "needs_reauth",
        statusMessage: "Linear refused the refresh token; connect again.",
        authKind: "oauth",
        account: { id: "u1", name: "Ada", workspaces: [] },
        scopes: ["read"],
        baseUrl: null,
        projectSelection: null,
        connectedBy: "uid-1",
        createdAt: at("2026-01-01T00:00:00Z"),
        updatedAt: at("2026-01-01T00:00:00Z"),
        syncState: { status: "error", lastSyncAt: at("2026-01-03T00:00:00Z"), lastSuccessAt: null, lastFullSyncAt: null, lastError: "401", taskCount: 3 },
        rateLimit: null,
      }),
    );
    expect(integration.id).toBe("int-1");
    expect(integration.syncState.lastSyncAt).toEqual(new Date("2026-01-03T00:00:00Z"));
  });

  it("reads a sync run and the stats, and refuses stats with a missing count", () => {
    const run = syncRunConverter.fromFirestore(
      snapshot("orgs/o/syncRuns/r1", {
        integrationId: "int-1", provider: "plane", projectId: "p", projectName: null, status: "running", trigger: "manual", mode: "full",
        progress: { pages: 2, fetched: 100, written: 90, unchanged: 10, deleted: 0 }, error: null, checkpoint: "c", since: null,
        maxUpdatedAt: null, continuations: 0, createdAt: at("2026-01-01T00:00:00Z"), startedAt: at("2026-01-01T00:00:01Z"), finishedAt: null, deadlineAt: null,
      }),
    );
    expect(run.progress.fetched).toBe(100);
    expect(run.startedAt).toEqual(new Date("2026-01-01T00:00:01Z"));
    expect(syncStatsConverter.fromFirestore(snapshot("orgs/o/stats/sync", { pending: 1, running: 2 }))).toEqual({ id: "sync", pending: 1, running: 2 });
    expect(() => syncStatsConverter.fromFirestore(snapshot("orgs/o/stats/sync", { pending: 1 }))).toThrow(/running/);
  });
});

describe("timestampsToDates", () => {
  it("leaves values that are not Timestamps alone", () => {
    expect(timestampsToDates({ a: [1, "x", null], b: { c: true } })).toEqual({ a: [1, "x", null], b: { c: true } });
  });
});
