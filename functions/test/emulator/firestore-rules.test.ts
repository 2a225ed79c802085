/**
 * The security-rules matrix: every caller kind × every collection × every operation, against the
 * Firestore emulator with the project's real firestore.rules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from "firebase/firestore";

const ORG = "org-a";
const OTHER_ORG = "org-b";

type Caller = "owner" | "member" | "signedInNonMember" | "otherOrgMember" | "unauthenticated";
const CALLERS: Caller[] = ["owner", "member", "signedInNonMember", "otherOrgMember", "unauthenticated"];

/** Each collection a client might touch, with a seeded document's path. */
const COLLECTIONS: { name: string; collectionPath: string; docId: string; memberReadable: boolean; listable: boolean }[] = [
  { name: "org", collectionPath: "orgs", docId: ORG, memberReadable: true, listable: false },
  { name: "members", collectionPath: `orgs/${ORG}/members`, docId: "uid-member", memberReadable: true, listable: true },
  { name: "integrations", collectionPath: `orgs/${ORG}/integrations`, docId: "int-1", memberReadable: true, listable: true },
  { name: "projects", collectionPath: `orgs/${ORG}/integrations/int-1/projects`, docId: "p-1", memberReadable: true, listable: true },
  { name: "tasks", collectionPath: `orgs/${ORG}/tasks`, docId: "github:1", memberReadable: true, listable: true },
  { name: "syncRuns", collectionPath: `orgs/${ORG}/syncRuns`, docId: "run-1", memberReadable: true, listable: true },
  { name: "stats", collectionPath: `orgs/${ORG}/stats`, docId: "sync", memberReadable: true, listable: true },
  { name: "credentials", collectionPath: "credentials", docId: "int-1", memberReadable: false, listable: false },
  { name: "webhookDeliveries", collectionPath: "webhookDeliveries", docId: "github:abc", memberReadable: false, listable: false },
  { name: "oauthStates", collectionPath: "oauthStates", docId: "state-1", memberReadable: false, listable: false },
  { name: "writeLedger", collectionPath: "writeLedger", docId: "entry-1", memberReadable: false, listable: false },
  { name: "createRequests", collectionPath: "createRequests", docId: `${ORG}:req-1`, memberReadable: false, listable: false },
  { name: "eventMarkers", collectionPath: "eventMarkers", docId: "marker-1", memberReadable: false, listable: false },
  { name: "webhookHandshakes", collectionPath: "webhookHandshakes", docId: "int-1", memberReadable: false, listable: false },
  { name: "syncRun seen pages", collectionPath: `orgs/${ORG}/syncRuns/run-1/seen`, docId: "000001", memberReadable: false, listable: false },
  { name: "unknown org subcollection", collectionPath: `orgs/${ORG}/secrets`, docId: "s-1", memberReadable: false, listable: false },
];

const OPERATIONS = ["get", "list", "create", "update", "delete"] as const;
type Operation = (typeof OPERATIONS)[number];

let env: RulesTestEnvironment;

/**
 * The emulator's clear answers ABORTED ("Transaction lock timeout") while another file's triggers
 * and workers still hold transactions (files share one emulator suite); such a clear is retried.
 */
async function clearFirestore(testEnv: RulesTestEnvironment): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await testEnv.clearFirestore();
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("ABORTED")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: process.env.GCLOUD_PROJECT ?? "demo-taskbridge",
    firestore: { rules: readFileSync(join(__dirname, "../../../firestore.rules"), "utf8") },
  });
  await clearFirestore(env);
  await env.withSecurityRulesDisabled(async (admin) => {
    const db = admin.firestore();
    await setDoc(doc(db, `orgs/${OTHER_ORG}`), { name: "Other" });
    await setDoc(doc(db, `orgs/${OTHER_ORG}/members/uid-other`), { role: "owner" });
    await setDoc(doc(db, `orgs/${ORG}/members/uid-owner`), { role: "owner" });
    for (const c of COLLECTIONS) await setDoc(doc(db, `${c.collectionPath}/${c.docId}`), { seeded: true, role: "member" });
  });
});

afterAll(async () => {
  await env.clearFirestore();
  await env.cleanup();
});

function contextFor(caller: Caller): RulesTestContext {
  switch (caller) {
    case "owner":
      return env.authenticatedContext("uid-owner");
    case "member":
      return env.authenticatedContext("uid-member");
    case "signedInNonMember":
      return env.authenticatedContext("uid-stranger");
    case "otherOrgMember":
      return env.authenticatedContext("uid-other");
    case "unauthenticated":
      return env.unauthenticatedContext();
  }
}

function attempt(caller: Caller, target: (typeof COLLECTIONS)[number], operation: Operation): Promise<unknown> {
  const db = contextFor(caller).firestore();
  const existing = doc(db, `${target.collectionPath}/${target.docId}`);
  switch (operation) {
    case "get":
      return getDoc(existing);
    case "list":
      return getDocs(collection(db, target.collectionPath));
    case "create":
      return setDoc(doc(db, `${target.collectionPath}/new-doc`), { forged: true });
    case "update":
      return updateDoc(existing, { forged: true });
    case "delete":
      return deleteDoc(existing);
  }
}

function allowed(caller: Caller, target: (typeof COLLECTIONS)[number], operation: Operation): boolean {
  const isOrgMember = caller === "owner" || caller === "member";
  if (!isOrgMember || !target.memberReadable) return false;
  if (operation === "get") return true;
  if (operation === "list") return target.listable;
  return false; // clients write nothing the backend owns
}

const cases = CALLERS.flatMap((caller) =>
  COLLECTIONS.flatMap((target) => OPERATIONS.map((operation) => ({ caller, target, operation }))),
);

describe("firestore.rules", () => {
  test.each(cases.map((c) => [c.caller, c.target.name, c.operation, allowed(c.caller, c.target, c.operation) ? "allowed" : "denied", c] as const))(
    "%s %s %s is %s",
    async (_caller, _name, _operation, _verdict, c) => {
      const result = attempt(c.caller, c.target, c.operation);
      if (allowed(c.caller, c.target, c.operation)) await assertSucceeds(result);
      else await assertFails(result);
    },
  );
});
