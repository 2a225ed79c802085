import { ValidationError } from "../../../../src/domain/validation-error";
import { clickupProvider } from "../../../../src/providers/clickup";
import type { ProjectInfo, TaskRef } from "../../../../src/providers/provider";
import { fixture } from "@taskbridge/simulators";
import { providerHarness } from "../shared/session-harness";

const LIST: ProjectInfo = { externalId: "124", name: "Updated List Name", url: null, providerRef: "124" };
const REF: TaskRef = { externalId: "9hx", providerRef: "9hx", project: LIST };

const inProgress = fixture<Record<string, unknown>>("clickup", "create-task-response.json");
const getList = fixture<Record<string, unknown>>("clickup", "get-list.json");
const updated = fixture("clickup", "update-task-response.json");

describe("ClickUp complete", () => {
  it("moves the task to its List's closed status, read from the List", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: inProgress }, { body: getList }, { body: updated });
    const result = await clickupProvider.complete(h.session, REF);

    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "GET /api/v2/task/9hx",
      // The task's home List (list.id "123" in the example), not just the project we synced it from.
      "GET /api/v2/list/123",
      "PUT /api/v2/task/9hx",
    ]);
    expect(seen[2]?.json).toEqual({ status: "complete" });
    expect(result).toEqual({ conflict: false, task: clickupProvider.normalize(updated) });
  });

  it("falls back to the Done group's status when the List has no closed one", async () => {
    const h = providerHarness(clickupProvider);
    const doneOnly = { ...getList, statuses: [{ status: "to do", type: "open" }, { status: "shipped", type: "done" }] };
    const seen = h.reply({ body: inProgress }, { body: doneOnly }, { body: updated });
    await clickupProvider.complete(h.session, REF);
    expect(seen[2]?.json).toEqual({ status: "shipped" });
  });

  it("reports a conflict, and writes nothing, when the task is already closed", async () => {
    const h = providerHarness(clickupProvider);
    const closed = { ...inProgress, status: { status: "complete", orderindex: 1, color: "#6bc950", type: "closed" } };
    const seen = h.reply({ body: closed });
    const result = await clickupProvider.complete(h.session, REF);
    expect(result).toEqual({ conflict: true, currentState: clickupProvider.normalize(closed) });
    expect(result.conflict && result.currentState.status).toBe("done");
    expect(seen).toHaveLength(1);
    h.mock.assertNoPendingInterceptors();
  });

  it("refuses a List without any closed status instead of guessing one", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: inProgress }, { body: { ...getList, statuses: [{ status: "to do", type: "open" }] } });
    await expect(clickupProvider.complete(h.session, REF)).rejects.toThrow(ValidationError);
    expect(seen.map((r) => r.method)).toEqual(["GET", "GET"]);
  });
});

describe("ClickUp comment", () => {
  it("posts comment_text without notifying everyone and returns the comment id", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: fixture("clickup", "create-task-comment-response.json") });
    await expect(clickupProvider.comment(h.session, REF, "Synced from taskbridge")).resolves.toEqual({ commentId: "458" });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url.pathname).toBe("/api/v2/task/9hx/comment");
    expect(seen[0]?.json).toEqual({ comment_text: "Synced from taskbridge", notify_all: false });
  });
});

describe("ClickUp create", () => {
  it("adds the task to the List with integer assignees and a due date in milliseconds", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: fixture("clickup", "create-task-response.json") });
    const due = new Date("2026-02-01T17:00:00Z");
    const task = await clickupProvider.create(h.session, LIST, {
      title: "New Task Name",
      description: "New Task Description",
      assignees: ["183"],
      dueAt: due,
      clientRequestId: "req-1",
    });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url.pathname).toBe("/api/v2/list/124/task");
    expect(seen[0]?.json).toEqual({
      name: "New Task Name",
      description: "New Task Description",
      assignees: [183],
      due_date: due.getTime(),
      due_date_time: true,
    });
    expect(task).toEqual(clickupProvider.normalize(fixture("clickup", "create-task-response.json")));
  });

  it("leaves out the description and due date when there are none", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: fixture("clickup", "create-task-response.json") });
    await clickupProvider.create(h.session, LIST, { title: "Bare", description: null, assignees: [], dueAt: null, clientRequestId: null });
    expect(seen[0]?.json).toEqual({ name: "Bare", assignees: [] });
  });

  it("refuses an assignee that is not a ClickUp user id, before calling ClickUp", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply();
    await expect(
      clickupProvider.create(h.session, LIST, { title: "x", description: null, assignees: ["john"], dueAt: null, clientRequestId: null }),
    ).rejects.toThrow(ValidationError);
    expect(seen).toHaveLength(0);
  });
});
