import type { SyncRun, WithId } from "@taskbridge/client";
import { useState } from "react";
import { api } from "./firebase";
import { formatDate, PROVIDER_NAMES } from "./format";
import { describeError } from "./use-subscription";

export const isActive = (run: SyncRun) => run.status === "pending" || run.status === "running";

/** The newest runs, their progress page by page, and cancel for the ones still going. */
export function SyncRuns({ orgId, runs, error }: { orgId: string; runs: WithId<SyncRun>[]; error: string | null }) {
  const [message, setMessage] = useState<string | null>(null);
  async function cancel(runId: string) {
    try {
      const { status } = await api.cancelSync({ orgId, runId });
      setMessage(status === "cancelled" ? "Cancelled; its worker stops at its next page." : `That run had already ended (${status}).`);
    } catch (caught) {
      setMessage(describeError(caught));
    }
  }

  return (
    <section className="card">
      <h3>Sync runs</h3>
      {error && <p className="error">{error}</p>}
      {message && <p className="notice">{message}</p>}
      {runs.length === 0 ? (
        <p className="muted">No sync runs yet.</p>
      ) : (
        <table data-testid="runs-table">
          <thead>
            <tr>
              <th>Project</th><th>Provider</th><th>Trigger</th><th>Status</th><th>Pages</th><th>Fetched</th><th>Written</th><th>Unchanged</th><th>Deleted</th><th>Started</th><th>Error</th><th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-run-status={run.status}>
                <td>{run.projectName ?? run.projectId}</td>
                <td>{PROVIDER_NAMES[run.provider]}</td>
                <td>{run.trigger} · {run.mode}</td>
                <td><span className={`status ${run.status}`}>{run.status}</span></td>
                <td>{run.progress.pages}</td>
                <td>{run.progress.fetched}</td>
                <td>{run.progress.written}</td>
                <td>{run.progress.unchanged}</td>
                <td>{run.progress.deleted}</td>
                <td>{formatDate(run.startedAt)}</td>
                <td className="error">{run.error ?? ""}</td>
                <td>{isActive(run) && <button onClick={() => void cancel(run.id)}>Cancel</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
