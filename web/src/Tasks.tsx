import { PROVIDER_IDS, TASK_STATUSES, subscribeTasks, type NormalizedTask, type ProviderId, type TaskStatus } from "@taskbridge/client";
import { useMemo, useState } from "react";
import { CreateTaskForm } from "./CreateTaskForm";
import { db } from "./firebase";
import { PROVIDER_NAMES } from "./format";
import { TaskRow } from "./TaskRow";
import { useSubscription } from "./use-subscription";

/** Search runs in the browser over what the filters loaded: Firestore has no text search. */
function matches(task: NormalizedTask, search: string): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  return [task.title, task.description ?? "", task.projectName ?? "", ...task.labels, ...task.assignees.map((a) => a.name ?? a.id)]
    .some((text) => text.toLowerCase().includes(needle));
}

export function Tasks({ orgId }: { orgId: string }) {
  const [status, setStatus] = useState<TaskStatus | "">("");
  const [provider, setProvider] = useState<ProviderId | "">("");
  const [search, setSearch] = useState("");
  const [message, setMessage] = useState<{ text: string; kind: "notice" | "error" } | null>(null);
  const filter = { ...(status ? { status } : {}), ...(provider ? { provider } : {}) };
  const tasks = useSubscription<NormalizedTask[]>((l) => subscribeTasks(db, orgId, filter, l), `tasks/${orgId}/${status}/${provider}`);
  const shown = useMemo(() => (tasks.value ?? []).filter((task) => matches(task, search.trim())), [tasks.value, search]);

  return (
    <section className="card">
      <h3>Tasks</h3>
      <div className="row wrap filters">
        <select value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | "")} aria-label="Status filter">
          <option value="">any status</option>
          {TASK_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select value={provider} onChange={(e) => setProvider(e.target.value as ProviderId | "")} aria-label="Provider filter">
          <option value="">any provider</option>
          {PROVIDER_IDS.map((p) => <option key={p} value={p}>{PROVIDER_NAMES[p]}</option>)}
        </select>
        <input type="search" placeholder="Search title, labels, people" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search" />
        <span className="muted" data-testid="task-count">{tasks.value ? `${shown.length} of ${tasks.value.length}` : "…"}</span>
      </div>
      <CreateTaskForm orgId={orgId} onResult={setMessage} />
      {message && <p className={message.kind} data-testid="task-message" role="status">{message.text}</p>}
      {tasks.error && <p className="error">{tasks.error}</p>}
      <table data-testid="tasks-table">
        <thead>
          <tr>
            <th>Title</th><th>Provider</th><th>Status</th><th>Assignees</th><th>Due</th><th>Tracked / estimate</th><th>Points</th><th />
          </tr>
        </thead>
        <tbody>
          {shown.map((task) => <TaskRow key={task.id} orgId={orgId} task={task} onResult={setMessage} />)}
        </tbody>
      </table>
    </section>
  );
}
