import { initializeApp } from "firebase/app";
import { getFirestore, limit, query, queryEqual, where } from "firebase/firestore";
import { clientRefs } from "../src/refs";
import { sortByUpdatedDesc, taskQueryConstraints } from "../src/subscribe";

const db = getFirestore(initializeApp({ projectId: "demo-client-unit" }, "subscribe"));
const tasks = clientRefs.tasks(db, "org-1");

describe("taskQueryConstraints", () => {
  it("hides tombstones and caps the list when nothing is filtered", () => {
    expect(queryEqual(query(tasks, ...taskQueryConstraints({})), query(tasks, where("deleted", "==", false), limit(500)))).toBe(true);
  });

  it("filters by status, provider and project with equality only", () => {
    const q = query(tasks, ...taskQueryConstraints({ status: "todo", provider: "asana", projectId: "p1", max: 20 }));
    const expected = query(tasks, where("deleted", "==", false), where("status", "==", "todo"), where("provider", "==", "asana"), where("projectId", "==", "p1"), limit(20));
    expect(queryEqual(q, expected)).toBe(true);
  });

  it("shows tombstones when asked", () => {
    expect(queryEqual(query(tasks, ...taskQueryConstraints({ includeDeleted: true, max: 5 })), query(tasks, limit(5)))).toBe(true);
  });
});

describe("sortByUpdatedDesc", () => {
  it("puts the newest provider update first without touching its input", () => {
    const input = [{ id: "a", updatedAt: new Date(1) }, { id: "b", updatedAt: new Date(3) }, { id: "c", updatedAt: new Date(2) }];
    expect(sortByUpdatedDesc(input).map((t) => t.id)).toEqual(["b", "c", "a"]);
    expect(input.map((t) => t.id)).toEqual(["a", "b", "c"]);
  });
});
