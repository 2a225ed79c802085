import type { Firestore, Query } from "firebase-admin/firestore";
import type { DemoOrg } from "./seed-demo";

export interface DemoProgress {
  tasks: number;
  runsCompleted: number;
  runsActive: number;
  runsFailed: number;
  webhooksReceived: number;
}

/** What the demo org holds now: the figures a new user should see move in the first minute. */
export async function readProgress(firestore: Firestore, demo: DemoOrg): Promise<DemoProgress> {
  const runs = firestore.collection(`orgs/${demo.orgId}/syncRuns`);
  const count = async (query: Query) => (await query.count().get()).data().count;
  const ids = demo.integrations.map((i) => i.integrationId);
  const [tasks, runsCompleted, runsActive, runsFailed, webhooksReceived] = await Promise.all([
    count(firestore.collection(`orgs/${demo.orgId}/tasks`).where("deleted", "==", false)),
    count(runs.where("status", "==", "completed")),
    count(runs.where("status", "in", ["pending", "running"])),
    count(runs.where("status", "==", "failed")),
    count(firestore.collection("webhookDeliveries").where("integrationId", "in", ids)),
  ]);
  return { tasks, runsCompleted, runsActive, runsFailed, webhooksReceived };
}

export function describeProgress(p: DemoProgress): string {
  return `${p.tasks} tasks; sync runs: ${p.runsCompleted} completed, ${p.runsActive} pending or running, ${p.runsFailed} failed; ${p.webhooksReceived} webhook deliveries recorded`;
}
