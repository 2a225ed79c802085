import { PROVIDER_IDS, subscribeIntegrations, type Integration, type ProviderId, type SyncRun, type WithId } from "@taskbridge/client";
import { useState } from "react";
import { ConnectPanel, OAuthReturnNotice } from "./ConnectPanel";
import { api, db } from "./firebase";
import { formatDate, PROVIDER_NAMES } from "./format";
import { isActive } from "./SyncRuns";
import { describeError, useSubscription } from "./use-subscription";

interface Props {
  orgId: string;
  isOwner: boolean;
  runs: WithId<SyncRun>[];
}

/** Every integration with its status and last sync; sync now, cancel, reconnect and disconnect. */
export function Integrations({ orgId, isOwner, runs }: Props) {
  const integrations = useSubscription<WithId<Integration>[]>((l) => subscribeIntegrations(db, orgId, l), `integrations/${orgId}`);
  const [message, setMessage] = useState<string | null>(null);

  async function act(what: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage(await what());
    } catch (caught) {
      setMessage(describeError(caught));
    }
  }

  const syncNow = (integrationId: string) =>
    act(async () => {
      const { runIds } = await api.requestSync({ orgId, integrationId });
      return `Sync requested: ${runIds.length} project run${runIds.length === 1 ? "" : "s"} started.`;
    });
  const cancelRuns = (integrationId: string) =>
    act(async () => {
      const active = runs.filter((run) => run.integrationId === integrationId && isActive(run));
      const results = await Promise.all(active.map((run) => api.cancelSync({ orgId, runId: run.id })));
      return `Cancelled ${results.filter((r) => r.status === "cancelled").length} run(s).`;
    });
  const reconnect = (provider: ProviderId) =>
    act(async () => {
      const { url } = await api.connectProvider({ orgId, provider, redirectUrl: `${window.location.origin}/` });
      window.location.assign(url);
      return `Opening ${PROVIDER_NAMES[provider]}…`;
    });
  const disconnect = (integration: WithId<Integration>) =>
    act(async () => {
      if (!window.confirm(`Disconnect ${PROVIDER_NAMES[integration.provider]} (${integration.account.name ?? integration.account.id})? Its tasks are removed here.`)) return "Kept.";
      const result = await api.disconnectIntegration({ orgId, integrationId: integration.id });
      return `Disconnected: ${result.tasksDeleted} tasks and ${result.projectsDeleted} projects removed${result.revoked ? ", token revoked" : ""}.`;
    });

  const list = (integrations.value ?? []).filter((i) => i.status !== "disconnected");
  list.sort((a, b) => PROVIDER_IDS.indexOf(a.provider) - PROVIDER_IDS.indexOf(b.provider));

  return (
    <section className="card">
      <h3>Integrations</h3>
      <OAuthReturnNotice />
      {integrations.error && <p className="error">{integrations.error}</p>}
      {message && <p className="notice" data-testid="integration-message">{message}</p>}
      {list.map((integration) => (
        <div key={integration.id} className="integration" data-testid={`integration-${integration.provider}`}>
          {integration.status === "needs_reauth" && (
            <div className="banner" role="alert" data-testid="reauth-banner">
              {PROVIDER_NAMES[integration.provider]} needs you to connect again: {integration.statusMessage ?? "its token was refused."}
              {isOwner && <button onClick={() => void reconnect(integration.provider)}>Reconnect</button>}
            </div>
          )}
          <div className="row spread">
            <strong>{PROVIDER_NAMES[integration.provider]}</strong>
            <span>{integration.account.name ?? integration.account.id}</span>
            <span className={`status ${integration.status}`} data-testid="integration-status">{integration.status}</span>
            <span>sync: <span data-testid="sync-status">{integration.syncState.status}</span></span>
            <span>last sync {formatDate(integration.syncState.lastSyncAt)}</span>
            <span>{integration.syncState.taskCount} tasks</span>
            <span className="row">
              <button disabled={integration.status !== "connected"} onClick={() => void syncNow(integration.id)}>Sync now</button>
              <button disabled={!runs.some((r) => r.integrationId === integration.id && isActive(r))} onClick={() => void cancelRuns(integration.id)}>Cancel</button>
              {isOwner && <button onClick={() => void disconnect(integration)}>Disconnect</button>}
            </span>
          </div>
          {integration.syncState.lastError && <p className="error">Last error: {integration.syncState.lastError}</p>}
          {integration.status === "error" && integration.statusMessage && <p className="error">{integration.statusMessage}</p>}
        </div>
      ))}
      {integrations.value && list.length === 0 && <p className="muted">No integrations yet.</p>}
      {isOwner ? <ConnectPanel orgId={orgId} /> : <p className="muted">Owners connect providers.</p>}
    </section>
  );
}
