import type { NormalizedTask } from "@taskbridge/client";
import { useState, type FormEvent } from "react";
import { api } from "./firebase";
import { formatDay, formatMinutes, PROVIDER_NAMES } from "./format";
import { describeError } from "./use-subscription";

type Report = (message: { text: string; kind: "notice" | "error" }) => void;

/** One task; complete and comment write to the provider first, and the row updates from Firestore. */
export function TaskRow({ orgId, task, onResult }: { orgId: string; task: NormalizedTask; onResult: Report }) {
  const [commenting, setCommenting] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const provider = PROVIDER_NAMES[task.provider];

  async function run(action: () => Promise<{ text: string; kind: "notice" | "error" }>) {
    setBusy(true);
    try {
      onResult(await action());
    } catch (caught) {
      onResult({ text: `${task.title}: ${describeError(caught)}`, kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  const complete = () =>
    run(async () => {
      const result = await api.completeTask({ orgId, taskId: task.id });
      return result.conflict
        ? { text: `Conflict: “${task.title}” was already ${result.currentState.status} in ${provider}; this copy now shows ${provider}'s state.`, kind: "error" }
        : { text: `“${task.title}” marked done in ${provider}.`, kind: "notice" };
    });
  const comment = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.commentOnTask({ orgId, taskId: task.id, text });
      setText("");
      setCommenting(false);
      return { text: `Comment posted on “${task.title}” in ${provider}.`, kind: "notice" };
    });
  };

  return (
    <tr data-task-id={task.id} data-status={task.status}>
      <td>
        {task.url ? <a href={task.url} target="_blank" rel="noreferrer">{task.title}</a> : task.title}
        {task.projectName && <div className="muted small">{task.projectName}</div>}
        {commenting && (
          <form className="row" onSubmit={comment}>
            <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Comment" required aria-label="Comment text" />
            <button type="submit" disabled={busy}>Post</button>
          </form>
        )}
      </td>
      <td>{provider}</td>
      <td>
        <span className={`status ${task.status}`} data-testid="task-status">{task.status}</span>
        {task.providerStatus && <div className="muted small">{task.providerStatus}</div>}
      </td>
      <td>{task.assignees.map((a) => a.name ?? a.id).join(", ") || "—"}</td>
      <td>{formatDay(task.dueAt)}</td>
      <td>{formatMinutes(task.timeSpentMinutes)} / {formatMinutes(task.timeEstimateMinutes)}</td>
      <td>{task.estimatePoints ?? "—"}</td>
      <td className="row">
        <button disabled={busy || task.status === "done" || task.status === "cancelled"} onClick={() => void complete()}>Complete</button>
        <button disabled={busy} onClick={() => setCommenting(!commenting)}>Comment</button>
      </td>
    </tr>
  );
}
