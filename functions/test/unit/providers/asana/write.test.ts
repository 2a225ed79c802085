import { ValidationError } from "../../../../src/domain/validation-error";
import { asanaProvider } from "../../../../src/providers/asana";
import type { ProjectInfo, TaskRef } from "../../../../src/providers/provider";
import { fixture } from "@taskbridge/simulators";
import { providerHarness } from "../shared/session-harness";

const PROJECT: ProjectInfo = { externalId: "12345", name: "Stuff to buy", url: null, providerRef: "12345" };
const REF: TaskRef = { externalId: "12345", providerRef: "12345", project: PROJECT };

const open = fixture<{ data: Record<string, unknown> }>("asana", "task.json");
const done = { data: { ...open.data, completed: true } };

describe("Asana complete", () => {
  it("sets completed=true on an open task", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: open }, { body: done });
    const result = await asanaProvider.complete(h.session, REF);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /api/1.0/tasks/12345", "PUT /api/1.0/tasks/12345"]);
    expect(seen[1]?.json).toEqual({ data: { completed: true } });
    expect(result).toEqual({ conflict: false, task: asanaProvider.normalize(done.data) });
    expect(result.conflict === false && result.task.status).toBe("done");
  });

  it("reports a conflict, and writes nothing, when the task is already complete", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: done });
    await expect(asanaProvider.complete(h.session, REF)).resolves.toEqual({ conflict: true, currentState: asanaProvider.normalize(done.data) });
    expect(seen).toHaveLength(1);
    h.mock.assertNoPendingInterceptors();
  });
});

describe("Asana comment", () => {
  it("posts a story with the text", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ status: 201, body: fixture("asana", "story.json") });
    await expect(asanaProvider.comment(h.session, REF, "This is a comment.")).resolves.toEqual({ commentId: "12345" });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url.pathname).toBe("/api/1.0/tasks/12345/stories");
    expect(seen[0]?.json).toEqual({ data: { text: "This is a comment." } });
  });
});

describe("Asana create", () => {
  it("creates the task in the project, with notes, one assignee and due_at", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ status: 201, body: open });
    const due = new Date("2019-09-15T02:06:58.147Z");
    const task = await asanaProvider.create(h.session, PROJECT, {
      title: "Bug Task",
      description: "Mittens really likes the stuff from Humboldt.",
      assignees: ["12345"],
      dueAt: due,
      clientRequestId: "req-1",
    });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url.pathname).toBe("/api/1.0/tasks");
    expect(seen[0]?.json).toEqual({
      data: {
        name: "Bug Task",
        projects: ["12345"],
        notes: "Mittens really likes the stuff from Humboldt.",
        assignee: "12345",
        due_at: "2019-09-15T02:06:58.147Z",
      },
    });
    expect(task).toEqual(asanaProvider.normalize(open.data));
  });

  it("sends only what it has", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ status: 201, body: open });
    await asanaProvider.create(h.session, PROJECT, { title: "Bare", description: null, assignees: [], dueAt: null, clientRequestId: null });
    expect(seen[0]?.json).toEqual({ data: { name: "Bare", projects: ["12345"] } });
  });

  it("refuses more than one assignee before calling Asana", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply();
    await expect(
      asanaProvider.create(h.session, PROJECT, { title: "x", description: null, assignees: ["1", "2"], dueAt: null, clientRequestId: null }),
    ).rejects.toThrow(ValidationError);
    expect(seen).toHaveLength(0);
  });
});
