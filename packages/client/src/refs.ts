import { collection, doc, type Firestore } from "firebase/firestore";
import { integrationConverter, memberConverter, orgConverter, projectConverter, syncRunConverter, syncStatsConverter, taskConverter } from "./converters";

/** Typed references to the documents a member may read (firestore.rules), each with its converter. */
export const clientRefs = {
  org: (db: Firestore, orgId: string) => doc(db, "orgs", orgId).withConverter(orgConverter),
  member: (db: Firestore, orgId: string, uid: string) => doc(db, "orgs", orgId, "members", uid).withConverter(memberConverter),
  integrations: (db: Firestore, orgId: string) => collection(db, "orgs", orgId, "integrations").withConverter(integrationConverter),
  integration: (db: Firestore, orgId: string, integrationId: string) =>
    doc(db, "orgs", orgId, "integrations", integrationId).withConverter(integrationConverter),
  projects: (db: Firestore, orgId: string, integrationId: string) =>
    collection(db, "orgs", orgId, "integrations", integrationId, "projects").withConverter(projectConverter),
  tasks: (db: Firestore, orgId: string) => collection(db, "orgs", orgId, "tasks").withConverter(taskConverter),
  task: (db: Firestore, orgId: string, taskId: string) => doc(db, "orgs", orgId, "tasks", taskId).withConverter(taskConverter),
  syncRuns: (db: Firestore, orgId: string) => collection(db, "orgs", orgId, "syncRuns").withConverter(syncRunConverter),
  syncStats: (db: Firestore, orgId: string) => doc(db, "orgs", orgId, "stats", "sync").withConverter(syncStatsConverter),
};
