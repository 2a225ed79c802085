import { subscribeIntegrations, subscribeProjects, type Integration, type Project, type WithId } from "@taskbridge/client";
import { useState, type FormEvent } from "react";
import { api, db } from "./firebase";
import { PROVIDER_NAMES } from "./format";
import { describeError, useSubscription } from "./use-subscription";

type Report = (message: { text: string; kind: "notice" | "error" }) => void;

/** Creates a task in a provider's project; the new task appears in the table from Firestore. */
export function CreateTaskForm({ orgId, onResult }: { orgId: string; onResult: Report }) {
  const integrations = useSubscription<WithId<Integration>[]>((l) => subscribeIntegrations(db, orgId, l), `create-integrations/${orgId}`);
  const connected = (integrations.value ?? []).filter((i) => i.status === "connected");
  const [integrationId, setIntegrationId] = useState("");
  const chosen = connected.find((i) => i.id === integrationId) ?? connected[0];
  const projects = useSubscription<WithId<Project>[]>((l) => (chosen ? subscribeProjects(db, orgId, chosen.id, l) : () => undefined), `projects/${orgId}/${chosen?.id ?? ""}`);
  const [projectId, setProjectId] = useState("");
  const project = (projects.value ?? []).find((p) => p.id === projectId) ?? projects.value?.[0];
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [busy, setBusy] = useState(false);
  // One id per intended task: a retry after a lost answer returns the first result, not a twin.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !project) return;
    setBusy(true);
    try {
      const result = await api.createTask({
        orgId,
        integrationId: chosen.id,
        projectId: project.id,
        title,
        ...(due ? { dueAt: new Date(`${due}T12:00:00`).toISOString() } : {}),
        clientRequestId: requestId,
      });
      setTitle("");
      setDue("");
      setRequestId(crypto.randomUUID());
      onResult({ text: `Created “${title}” in ${PROVIDER_NAMES[chosen.provider]} (${result.sourceId}).`, kind: "notice" });
    } catch (caught) {
      onResult({ text: `Not created: ${describeError(caught)}`, kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  if (connected.length === 0) return null;
  return (
    <form className="row wrap create" onSubmit={(event) => void submit(event)} data-testid="create-task-form">
      <select value={chosen?.id ?? ""} onChange={(e) => setIntegrationId(e.target.value)} aria-label="Integration">
        {connected.map((i) => <option key={i.id} value={i.id}>{PROVIDER_NAMES[i.provider]} · {i.account.name ?? i.account.id}</option>)}
      </select>
      <select value={project?.id ?? ""} onChange={(e) => setProjectId(e.target.value)} aria-label="Project">
        {(projects.value ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
      <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="New task title" required aria-label="New task title" />
      <input type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-label="Due date" />
      <button type="submit" disabled={busy || !project}>Create task</button>
    </form>
  );
}
