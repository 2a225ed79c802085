import { z } from "zod";
import { ValidationError } from "../../../src/domain/validation-error";
import { InvalidResponseError } from "../../../src/http/errors";
import { graphqlPages, linkHeaderPages, offsetTokenPages, pageNumberPages, paginate } from "../../../src/http/paginate";
import type { Page } from "../../../src/http/types";
import { PLANE_FIRST_CURSOR, planeCursorEnvelope, planeCursorPages, rebasePlaneCursor } from "../../../src/providers/plane/pagination";
import { GITHUB, POLICIES, script, useHarness, type Harness } from "./helpers";

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Array<Page<T>>> {
  const all: Array<Page<T>> = [];
  for await (const page of pages) all.push(page);
  return all;
}

const h = useHarness();

describe("paginate", () => {
  it("fetches from the start until a page has no next", async () => {
    const cursors: Array<string | null> = [];
    const pages = await collect(
      paginate(null, async (cursor) => {
        cursors.push(cursor);
        return { data: cursor ?? "first", next: cursor === null ? "b" : cursor === "b" ? "c" : null };
      }),
    );
    expect(cursors).toEqual([null, "b", "c"]);
    expect(pages).toEqual([
      { data: "first", next: "b" },
      { data: "b", next: "c" },
      { data: "c", next: null },
    ]);
  });

  it("resumes from a start cursor", async () => {
    const cursors: Array<string | null> = [];
    await collect(paginate("7", async (cursor) => (cursors.push(cursor), { data: 1, next: null })));
    expect(cursors).toEqual(["7"]);
  });

  it("throws InvalidResponseError when a cursor repeats, before yielding the page that points back", async () => {
    const next: Record<string, string> = { a: "b", b: "a" };
    const yielded: Array<string | null> = [];
    const run = async () => {
      for await (const page of paginate("a", async (cursor) => ({ data: cursor, next: next[cursor ?? ""] ?? null }), { provider: "x", operation: "GET /y" })) {
        yielded.push(page.next);
      }
    };
    await expect(run()).rejects.toThrow(InvalidResponseError);
    await expect(run()).rejects.toThrow(/^x GET \/y answered with an unexpected body: the pagination cursor repeated/);
    expect(yielded).toEqual(["b", "b"]); // page "b" (pointing back to "a") was never handed out
  });

  it("throws when a page names itself as next", async () => {
    await expect(collect(paginate(null, async () => ({ data: 1, next: "same" })))).rejects.toThrow(/repeated/);
  });
});

describe("linkHeaderPages (GitHub)", () => {
  const issues = z.array(z.object({ number: z.number() }));
  const req = { method: "GET", path: "/repos/o/r/issues", query: { state: "all", per_page: 100 }, schema: issues } as const;
  const link = (page: number, last = 3) =>
    `<${GITHUB}/repositories/1/issues?state=all&per_page=100&page=${page}>; rel="next", <${GITHUB}/repositories/1/issues?state=all&per_page=100&page=${last}>; rel="last"`;

  it("yields one empty page for an empty listing", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: [] }]);
    expect(await collect(linkHeaderPages(h.client, req, null))).toEqual([{ data: [], next: null }]);
  });

  it("yields a single page when there is no next link", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: [{ number: 1 }], headers: { link: `<${GITHUB}/x?page=1>; rel="prev"` } }]);
    expect(await collect(linkHeaderPages(h.client, req, null))).toEqual([{ data: [{ number: 1 }], next: null }]);
  });

  it("follows rel=\"next\" through several pages, sending the query once and the next URL as is", async () => {
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: [{ number: 1 }], headers: { link: link(2) } },
      { status: 200, body: [{ number: 2 }], headers: { link: link(3) } },
      { status: 200, body: [{ number: 3 }], headers: { link: `<${GITHUB}/repositories/1/issues?state=all&per_page=100&page=1>; rel="first"` } },
    ]);
    const pages = await collect(linkHeaderPages(h.client, req, null));
    expect(pages.map((p) => p.data)).toEqual([[{ number: 1 }], [{ number: 2 }], [{ number: 3 }]]);
    expect(pages.map((p) => p.next)).toEqual([
      `${GITHUB}/repositories/1/issues?state=all&per_page=100&page=2`,
      `${GITHUB}/repositories/1/issues?state=all&per_page=100&page=3`,
      null,
    ]);
    expect(seen.map((s) => s.path)).toEqual([
      "/repos/o/r/issues?state=all&per_page=100",
      "/repositories/1/issues?state=all&per_page=100&page=2",
      "/repositories/1/issues?state=all&per_page=100&page=3",
    ]);
    expect(seen.every((s) => s.headers["authorization"]?.startsWith("Bearer "))).toBe(true);
  });

  it("resumes from a stored next URL", async () => {
    const start = `${GITHUB}/repositories/1/issues?state=all&per_page=100&page=3`;
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [{ number: 3 }] }]);
    const pages = await collect(linkHeaderPages(h.client, req, start));
    expect(pages).toEqual([{ data: [{ number: 3 }], next: null }]);
    expect(seen[0]?.path).toBe("/repositories/1/issues?state=all&per_page=100&page=3");
  });

  it("reads an unquoted rel and a rel with several values", async () => {
    script(h.mock, GITHUB, [
      { status: 200, body: [], headers: { link: `<${GITHUB}/a?page=2>; rel=next` } },
      { status: 200, body: [], headers: { link: `<${GITHUB}/a?page=3>; title="x"; rel="last next"` } },
      { status: 200, body: [] },
    ]);
    const pages = await collect(linkHeaderPages(h.client, req, null));
    expect(pages.map((p) => p.next)).toEqual([`${GITHUB}/a?page=2`, `${GITHUB}/a?page=3`, null]);
  });

  it("refuses a next link on another origin without sending the token there", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: [], headers: { link: `<https://evil.example/steal?page=2>; rel="next"` } }]);
    const pages = linkHeaderPages(h.client, req, null);
    await expect(collect(pages)).rejects.toThrow(/refused to send the credential to https:\/\/evil\.example/);
  });

  it("fails on a next link that is not a URL rather than stopping early", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: [], headers: { link: `<http://[bad>; rel="next"` } }]);
    await expect(collect(linkHeaderPages(h.client, req, null))).rejects.toThrow(InvalidResponseError);
  });
});

describe("pageNumberPages (ClickUp)", () => {
  const CLICKUP = "https://api.clickup.com";
  const tasksPage = z.object({ tasks: z.array(z.object({ id: z.string() })), last_page: z.boolean() });
  const req = { method: "GET", path: "/api/v2/list/9/task", query: { include_closed: true, subtasks: true }, schema: tasksPage } as const;
  const isLastPage = (d: z.infer<typeof tasksPage>) => d.last_page || d.tasks.length === 0;
  let client: ReturnType<Harness["makeClient"]>;
  beforeEach(() => {
    client = h.makeClient({ provider: "clickup", baseUrl: CLICKUP, policy: POLICIES.clickup });
  });

  it("yields one page for an empty list", async () => {
    const seen = script(h.mock, CLICKUP, [{ status: 200, body: { tasks: [], last_page: true } }]);
    expect(await collect(pageNumberPages(client, req, { start: null, isLastPage }))).toEqual([{ data: { tasks: [], last_page: true }, next: null }]);
    expect(seen[0]?.url.searchParams.get("page")).toBe("0");
  });

  it("counts pages from 0 until last_page, keeping the query", async () => {
    const seen = script(h.mock, CLICKUP, [
      { status: 200, body: { tasks: [{ id: "a" }], last_page: false } },
      { status: 200, body: { tasks: [{ id: "b" }], last_page: false } },
      { status: 200, body: { tasks: [{ id: "c" }], last_page: true } },
    ]);
    const pages = await collect(pageNumberPages(client, req, { start: null, isLastPage }));
    expect(pages.map((p) => p.next)).toEqual(["1", "2", null]);
    expect(seen.map((s) => s.url.searchParams.get("page"))).toEqual(["0", "1", "2"]);
    expect(seen.every((s) => s.url.searchParams.get("include_closed") === "true" && s.url.searchParams.get("subtasks") === "true")).toBe(true);
  });

  it("stops on a page that is the only one", async () => {
    script(h.mock, CLICKUP, [{ status: 200, body: { tasks: [{ id: "a" }], last_page: true } }]);
    expect(await collect(pageNumberPages(client, req, { start: null, isLastPage }))).toHaveLength(1);
  });

  it("resumes from a stored page number", async () => {
    const seen = script(h.mock, CLICKUP, [
      { status: 200, body: { tasks: [{ id: "c" }], last_page: false } },
      { status: 200, body: { tasks: [{ id: "d" }], last_page: true } },
    ]);
    const pages = await collect(pageNumberPages(client, req, { start: "2", isLastPage }));
    expect(seen.map((s) => s.url.searchParams.get("page"))).toEqual(["2", "3"]);
    expect(pages.map((p) => p.next)).toEqual(["3", null]);
  });

  it("starts at firstPage when given", async () => {
    const seen = script(h.mock, CLICKUP, [{ status: 200, body: { tasks: [], last_page: true } }]);
    await collect(pageNumberPages(client, req, { start: null, isLastPage, firstPage: 1 }));
    expect(seen[0]?.url.searchParams.get("page")).toBe("1");
  });

  it("rejects a checkpoint that is not a page number", () => {
    expect(() => pageNumberPages(client, req, { start: "https://x", isLastPage })).toThrow(ValidationError);
  });
});

describe("planeCursorPages (Plane)", () => {
  const PLANE = "https://api.plane.so";
  const workItems = planeCursorEnvelope.extend({ results: z.array(z.object({ id: z.string() })) });
  const path = "/api/v1/workspaces/acme/projects/p1/work-items/";
  const req = { method: "GET", path, query: { expand: "state,assignees,labels", fields: "id,name,updated_at", order_by: "-updated_at" }, schema: workItems } as const;
  const page = (ids: string[], next: string | null) => ({
    results: ids.map((id) => ({ id })),
    next_cursor: next ?? "1000:9:0",
    next_page_results: next !== null,
    prev_cursor: "1000:0:1",
    prev_page_results: false,
    count: ids.length,
    total_pages: 3,
    total_results: 250,
  });
  let client: ReturnType<Harness["makeClient"]>;
  beforeEach(() => {
    client = h.makeClient({ provider: "plane", baseUrl: PLANE, policy: POLICIES.plane });
  });

  it("always sends per_page=1000 (Plane's maximum) and the first cursor, and passes fields and expand through untouched", async () => {
    const seen = script(h.mock, PLANE, [{ status: 200, body: page([], null) }]);
    const pages = await collect(planeCursorPages(client, req, null));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.next).toBeNull();
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      expand: "state,assignees,labels",
      fields: "id,name,updated_at",
      order_by: "-updated_at",
      per_page: "1000",
      cursor: PLANE_FIRST_CURSOR,
    });
    expect(PLANE_FIRST_CURSOR).toBe("1000:0:0");
  });

  it("overrides a per_page the caller passed, so the cursor chain stays consistent", async () => {
    const seen = script(h.mock, PLANE, [{ status: 200, body: page(["a"], null) }]);
    await collect(planeCursorPages(client, { ...req, query: { ...req.query, per_page: 20 } }, null));
    expect(seen[0]?.url.searchParams.getAll("per_page")).toEqual(["1000"]);
  });

  it("follows next_cursor while next_page_results is true", async () => {
    const seen = script(h.mock, PLANE, [
      { status: 200, body: page(["a"], "1000:1:0") },
      { status: 200, body: page(["b"], "1000:2:0") },
      { status: 200, body: page(["c"], null) },
    ]);
    const pages = await collect(planeCursorPages(client, req, null));
    expect(pages.map((p) => p.data.results.map((r) => r.id))).toEqual([["a"], ["b"], ["c"]]);
    expect(pages.map((p) => p.next)).toEqual(["1000:1:0", "1000:2:0", null]);
    expect(seen.map((s) => s.url.searchParams.get("cursor"))).toEqual(["1000:0:0", "1000:1:0", "1000:2:0"]);
    expect(seen.every((s) => s.url.searchParams.get("per_page") === "1000" && s.url.searchParams.get("expand") === "state,assignees,labels")).toBe(true);
  });

  it("ignores next_cursor when next_page_results is false (Plane always sends one)", async () => {
    script(h.mock, PLANE, [{ status: 200, body: page(["a"], null) }]);
    expect((await collect(planeCursorPages(client, req, null)))[0]?.next).toBeNull();
  });

  it("resumes from a stored cursor", async () => {
    const seen = script(h.mock, PLANE, [{ status: 200, body: page(["c"], null) }]);
    await collect(planeCursorPages(client, req, "1000:2:0"));
    expect(seen[0]?.url.searchParams.get("cursor")).toBe("1000:2:0");
  });

  it("moves a cursor saved under another page size onto this one at or before its offset", async () => {
    const seen = script(h.mock, PLANE, [{ status: 200, body: page(["c"], null) }]);
    await collect(planeCursorPages(client, req, "100:25:0"));
    // Item 2500 on: page 2 of 1000 starts at item 2000, re-reading 500 and skipping none.
    expect(seen[0]?.url.searchParams.get("cursor")).toBe("1000:2:0");
    expect(rebasePlaneCursor("100:9:0")).toBe("1000:0:0");
    expect(rebasePlaneCursor("1000:3:0")).toBe("1000:3:0");
    expect(rebasePlaneCursor("opaque")).toBe("opaque");
  });

  it("fails when more results are promised without a cursor", async () => {
    script(h.mock, PLANE, [{ status: 200, body: { ...page(["a"], "1000:1:0"), next_cursor: null } }]);
    await expect(collect(planeCursorPages(client, req, null))).rejects.toThrow(/next_cursor is empty/);
  });

  it("fails when the next cursor repeats", async () => {
    script(h.mock, PLANE, [
      { status: 200, body: page(["a"], "1000:1:0") },
      { status: 200, body: page(["b"], "1000:1:0") },
    ]);
    await expect(collect(planeCursorPages(client, req, null))).rejects.toThrow(/cursor repeated/);
  });

  it("fails when the server sends the first cursor back", async () => {
    script(h.mock, PLANE, [{ status: 200, body: page(["a"], "1000:0:0") }]);
    await expect(collect(planeCursorPages(client, req, null))).rejects.toThrow(/cursor repeated/);
  });
});

describe("offsetTokenPages (Asana)", () => {
  const ASANA = "https://app.asana.com";
  const tasks = z.object({
    data: z.array(z.object({ gid: z.string() })),
    next_page: z.object({ offset: z.string(), path: z.string(), uri: z.string() }).nullable(),
  });
  const req = { method: "GET", path: "/api/1.0/projects/12/tasks", query: { opt_fields: "name,completed" }, schema: tasks } as const;
  const next = (offset: string) => ({ offset, path: `/projects/12/tasks?limit=100&offset=${offset}`, uri: `${ASANA}/api/1.0/projects/12/tasks?offset=${offset}` });
  let client: ReturnType<Harness["makeClient"]>;
  beforeEach(() => {
    client = h.makeClient({ provider: "asana", baseUrl: ASANA, policy: POLICIES.asana });
  });

  it("yields one empty page for an empty project, sending limit=100 and no offset", async () => {
    const seen = script(h.mock, ASANA, [{ status: 200, body: { data: [], next_page: null } }]);
    expect(await collect(offsetTokenPages(client, req, null))).toEqual([{ data: { data: [], next_page: null }, next: null }]);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ opt_fields: "name,completed", limit: "100" });
  });

  it("passes each page's opaque offset to the next request", async () => {
    const seen = script(h.mock, ASANA, [
      { status: 200, body: { data: [{ gid: "1" }], next_page: next("eyJ0eXAiOiJKV1Qi") } },
      { status: 200, body: { data: [{ gid: "2" }], next_page: next("eyJhbGciOiJIUzI1") } },
      { status: 200, body: { data: [{ gid: "3" }], next_page: null } },
    ]);
    const pages = await collect(offsetTokenPages(client, req, null));
    expect(pages.map((p) => p.next)).toEqual(["eyJ0eXAiOiJKV1Qi", "eyJhbGciOiJIUzI1", null]);
    expect(seen.map((s) => s.url.searchParams.get("offset"))).toEqual([null, "eyJ0eXAiOiJKV1Qi", "eyJhbGciOiJIUzI1"]);
    expect(seen.every((s) => s.url.searchParams.get("limit") === "100")).toBe(true);
  });

  it("resumes from a stored offset", async () => {
    const seen = script(h.mock, ASANA, [{ status: 200, body: { data: [{ gid: "3" }], next_page: null } }]);
    await collect(offsetTokenPages(client, req, "eyJhbGciOiJIUzI1"));
    expect(seen[0]?.url.searchParams.get("offset")).toBe("eyJhbGciOiJIUzI1");
  });
});

describe("graphqlPages (Linear)", () => {
  const LINEAR = "https://api.linear.app";
  const issues = z.object({
    issues: z.object({
      nodes: z.array(z.object({ id: z.string() })),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    }),
  });
  const query = "query Issues($team: ID!, $after: String) { issues(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }";
  const request = { path: "/graphql", query, variables: { team: "T1" }, schema: issues, operation: "issues", pageInfo: (d: z.infer<typeof issues>) => d.issues.pageInfo };
  const body = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({ data: { issues: { nodes: ids.map((id) => ({ id })), pageInfo: { hasNextPage, endCursor } } } });
  let client: ReturnType<Harness["makeClient"]>;
  beforeEach(() => {
    client = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear });
  });

  it("yields one empty page for an empty team, with after: null", async () => {
    const seen = script(h.mock, LINEAR, [{ status: 200, body: body([], null, false) }]);
    const pages = await collect(graphqlPages(client, request, null));
    expect(pages).toEqual([{ data: { issues: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } }, next: null }]);
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ query, variables: { team: "T1", after: null } });
  });

  it("passes endCursor as after while hasNextPage", async () => {
    const seen = script(h.mock, LINEAR, [
      { status: 200, body: body(["a"], "c1", true) },
      { status: 200, body: body(["b"], "c2", true) },
      { status: 200, body: body(["c"], "c3", false) },
    ]);
    const pages = await collect(graphqlPages(client, request, null));
    expect(pages.map((p) => p.next)).toEqual(["c1", "c2", null]);
    expect(seen.map((s) => (JSON.parse(s.body ?? "") as { variables: { after: unknown } }).variables.after)).toEqual([null, "c1", "c2"]);
  });

  it("resumes from a stored cursor", async () => {
    const seen = script(h.mock, LINEAR, [{ status: 200, body: body(["c"], "c3", false) }]);
    await collect(graphqlPages(client, request, "c2"));
    expect((JSON.parse(seen[0]?.body ?? "") as { variables: unknown }).variables).toEqual({ team: "T1", after: "c2" });
  });

  it("fails when hasNextPage comes without an endCursor", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: body(["a"], null, true) }]);
    await expect(collect(graphqlPages(client, request, null))).rejects.toThrow(/^linear POST issues answered with an unexpected body: hasNextPage is true but endCursor is empty/);
  });
});
