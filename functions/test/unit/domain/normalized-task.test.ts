import { contentHash, stableStringify, taskDocId, toNormalizedTask, type TaskContext } from "../../../src/domain/normalized-task";
import { NormalizedTaskSchema, type TaskDraft } from "../../../src/domain/task";

const draft: TaskDraft = {
  externalId: "42",
  providerRef: "acme/app#7",
  title: "Fix login",
  description: null,
  url: "https://github.com/acme/app/issues/7",
  status: "todo",
  providerStatus: "open",
  assignees: [{ id: "1", name: "octocat" }],
  labels: ["bug"],
  priority: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
  startAt: null,
  dueAt: null,
  completedAt: null,
  timeSpentMinutes: null,
  timeEstimateMinutes: null,
  estimatePoints: null,
  parentExternalId: "41",
};
const context: TaskContext = { provider: "github", integrationId: "int-1", projectId: "p-1", projectName: "acme/app" };

describe("toNormalizedTask", () => {
  it("adds the deterministic id, the context, the parent's id and a hash, and passes the schema", () => {
    const task = toNormalizedTask(draft, context);
    expect(task).toMatchObject({ id: "github:42", provider: "github", integrationId: "int-1", projectId: "p-1", projectName: "acme/app", parentId: "github:41", deleted: false });
    expect(task).not.toHaveProperty("parentExternalId");
    expect(NormalizedTaskSchema.safeParse(task).success).toBe(true);
  });

  it("makes ids safe for a document path", () => {
    expect(taskDocId("plane", "a/b")).toBe("plane:a%2Fb");
  });

  it("hashes equal content equally, whatever the key order, and any change differently", () => {
    const reordered = Object.fromEntries(Object.entries(draft).reverse()) as TaskDraft;
    expect(contentHash(reordered, context)).toBe(contentHash(draft, context));
    expect(contentHash({ ...draft, title: "Fix logout" }, context)).not.toBe(contentHash(draft, context));
    expect(contentHash({ ...draft, updatedAt: new Date("2026-01-03T00:00:00Z") }, context)).not.toBe(contentHash(draft, context));
    expect(contentHash(draft, { ...context, projectName: "acme/renamed" })).not.toBe(contentHash(draft, context));
  });

  it("writes dates as ISO text in the stable form", () => {
    expect(stableStringify({ b: new Date("2026-01-01T00:00:00Z"), a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":"2026-01-01T00:00:00.000Z"}');
  });
});
