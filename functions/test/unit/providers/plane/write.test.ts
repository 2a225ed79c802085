import { ValidationError } from "../../../../src/domain/validation-error";
import { planeProvider } from "../../../../src/providers/plane";
import { script } from "../../http/helpers";
import { ITEM_ID, ITEM_REF, PLANE, PROJECT, PROJECT_PATH, fixture, planeHarness, type PlaneHarness } from "./session";

const open = fixture("work-item-expanded.json");
const bare = fixture("work-item.json");
const statesPage = fixture<{ results: Array<Record<string, unknown>> }>("states-page.json");
const stateNamed = (name: string) => {
  const state = statesPage.results.find((s) => s["name"] === name) as Record<string, unknown>;
  return { id: state["id"], name: state["name"], color: state["color"], group: state["group"] };
};
const ITEM_PATH = `${PROJECT_PATH}/work-items/${ITEM_ID}/`;

let h: PlaneHarness;
beforeEach(() => {
  h = planeHarness();
});
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

describe("Plane complete", () => {
  it("moves the item to the completed group's first state (lowest sequence) and returns it done", async () => {
    const done = { ...open, state: stateNamed("Done"), completed_at: "2024-01-20T09:00:00Z", estimate_point: null };
    const seen = script(h.mock, PLANE, [
      { status: 200, body: { ...open, estimate_point: null } },
      // Listed with "Shipped" (sequence 160000) before "Done" (150000): order in the list must not matter.
      { status: 200, body: statesPage },
      { status: 200, body: { ...bare, state: stateNamed("Done")["id"] } },
      { status: 200, body: done },
    ]);
    const result = await planeProvider.complete(h.session, ITEM_REF);
    expect(result).toEqual({
      conflict: false,
      task: expect.objectContaining({ externalId: ITEM_ID, status: "done", providerStatus: "Done", completedAt: new Date("2024-01-20T09:00:00Z") }),
    });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      `GET ${ITEM_PATH}`,
      `GET ${PROJECT_PATH}/states/`,
      `PATCH ${ITEM_PATH}`,
      `GET ${ITEM_PATH}`,
    ]);
    expect(JSON.parse(seen[2]?.body ?? "null")).toEqual({ state: "3d5b6a1e-7c5f-4e8f-9a36-2f2b8a5e1c01" });
  });

  it.each([
    ["Done", "done"],
    ["Cancelled", "cancelled"],
  ])("reports a conflict, without writing, when the item is already in %s", async (name, status) => {
    const seen = script(h.mock, PLANE, [{ status: 200, body: { ...open, state: stateNamed(name), estimate_point: null } }]);
    await expect(planeProvider.complete(h.session, ITEM_REF)).resolves.toEqual({
      conflict: true,
      currentState: expect.objectContaining({ externalId: ITEM_ID, status, providerStatus: name }),
    });
    expect(seen.map((s) => s.method)).toEqual(["GET"]);
  });

  it("refuses when the project has no completed state", async () => {
    const withoutCompleted = { ...statesPage, results: statesPage.results.filter((s) => s["group"] !== "completed") };
    script(h.mock, PLANE, [
      { status: 200, body: { ...open, estimate_point: null } },
      { status: 200, body: withoutCompleted },
    ]);
    await expect(planeProvider.complete(h.session, ITEM_REF)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("Plane comment", () => {
  it("posts comment_html, escaping the text, and returns the comment id", async () => {
    const seen = script(h.mock, PLANE, [{ status: 201, body: fixture("comment.json") }]);
    await expect(planeProvider.comment(h.session, ITEM_REF, "Ship <b>it</b> & done\nsecond line")).resolves.toEqual({
      commentId: "f3e29f26-708d-40f0-9209-7e0de44abc49",
    });
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`).toBe(`POST ${ITEM_PATH}comments/`);
    expect(JSON.parse(seen[0]?.body ?? "null")).toEqual({ comment_html: "<p>Ship &lt;b&gt;it&lt;/b&gt; &amp; done</p><p>second line</p>" });
  });
});

describe("Plane create", () => {
  const input = {
    title: "First Work Item",
    description: "Spelled out",
    assignees: ["797b5aea-3f40-4199-be84-5f94e0d04501"],
    dueAt: new Date("2023-10-04T00:00:00Z"),
    clientRequestId: "req-7f3a",
  };

  it("creates the work item with external_id = clientRequestId and external_source taskbridge, then reads it expanded", async () => {
    const seen = script(h.mock, PLANE, [
      { status: 201, body: bare },
      { status: 200, body: { ...open, estimate_point: null } },
    ]);
    const task = await planeProvider.create(h.session, PROJECT, input);
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([`POST ${PROJECT_PATH}/work-items/`, `GET ${ITEM_PATH}`]);
    expect(JSON.parse(seen[0]?.body ?? "null")).toEqual({
      name: "First Work Item",
      description_html: "<p>Spelled out</p>",
      assignees: ["797b5aea-3f40-4199-be84-5f94e0d04501"],
      target_date: "2023-10-04",
      external_id: "req-7f3a",
      external_source: "taskbridge",
    });
    expect(task).toMatchObject({ externalId: ITEM_ID, status: "todo", dueAt: new Date("2023-10-04T00:00:00Z") });
  });

  it("returns the item an earlier attempt made when Plane answers 409 for the same external_id", async () => {
    const seen = script(h.mock, PLANE, [
      { status: 409, body: { error: "Issue with the same external id and external source already exists", id: ITEM_ID } },
      { status: 200, body: { ...open, estimate_point: null } },
    ]);
    const task = await planeProvider.create(h.session, PROJECT, input);
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([`POST ${PROJECT_PATH}/work-items/`, `GET ${PROJECT_PATH}/work-items/`]);
    expect(Object.fromEntries(seen[1]!.url.searchParams)).toEqual({
      external_id: "req-7f3a",
      external_source: "taskbridge",
      expand: "state,assignees,labels",
    });
    expect(task).toMatchObject({ externalId: ITEM_ID });
  });

  it("sends only the name without description, assignees, due date or request id", async () => {
    const seen = script(h.mock, PLANE, [
      { status: 201, body: bare },
      { status: 200, body: { ...open, estimate_point: null } },
    ]);
    await planeProvider.create(h.session, PROJECT, { title: "Bare", description: null, assignees: [], dueAt: null, clientRequestId: null });
    expect(JSON.parse(seen[0]?.body ?? "null")).toEqual({ name: "Bare" });
  });
});
