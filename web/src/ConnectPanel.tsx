import { PROVIDER_DESCRIPTORS, PROVIDER_IDS, startOAuthConnect, type ProviderId } from "@taskbridge/client";
import { useEffect, useState, type FormEvent } from "react";
import { api } from "./firebase";
import { PROVIDER_NAMES } from "./format";
import { describeError } from "./use-subscription";

/** Owners connect a provider: its OAuth redirect flow, or a personal token. */
export function ConnectPanel({ orgId }: { orgId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [provider, setProvider] = useState<ProviderId>("github");
  const [token, setToken] = useState("");
  const [workspace, setWorkspace] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [busy, setBusy] = useState(false);
  // The token form asks what the chosen provider's connect needs, as its descriptor says.
  const { personalToken, pastedWebhookSecret } = PROVIDER_DESCRIPTORS[provider];

  async function connectOAuth(target: ProviderId) {
    setMessage(null);
    try {
      // connectProvider, then a top-level form POST to the backend's start endpoint, which binds
      // this browser (an HttpOnly cookie) before sending it to the provider: the callback
      // completes only here, and sends the browser back with provider&success=true or error&message.
      await startOAuthConnect(
        api,
        {
          orgId,
          provider: target,
          redirectUrl: `${window.location.origin}/`,
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        },
        document,
      );
    } catch (caught) {
      setMessage(describeError(caught));
    }
  }

  async function connectToken(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await api.connectWithToken({
        orgId,
        provider,
        token,
        ...(workspace.trim() ? { workspace: workspace.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(webhookSecret ? { webhookSecret } : {}),
      });
      setToken("");
      setWebhookSecret("");
      setMessage(`${PROVIDER_NAMES[provider]} connected; the first full sync has been requested.`);
    } catch (caught) {
      setMessage(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="connect">
      <h4>Connect</h4>
      <div className="row">
        {PROVIDER_IDS.map((id) => (
          <button key={id} onClick={() => void connectOAuth(id)}>Connect {PROVIDER_NAMES[id]}</button>
        ))}
      </div>
      <form className="row wrap" onSubmit={(event) => void connectToken(event)} data-testid="token-form">
        <select value={provider} onChange={(e) => setProvider(e.target.value as ProviderId)} aria-label="Provider">
          {PROVIDER_IDS.map((id) => <option key={id} value={id}>{PROVIDER_NAMES[id]}</option>)}
        </select>
        <input type="password" autoComplete="off" placeholder={personalToken.label} value={token} onChange={(e) => setToken(e.target.value)} required aria-label="Token" />
        {personalToken.workspace !== null && <input placeholder={personalToken.workspace} value={workspace} onChange={(e) => setWorkspace(e.target.value)} required aria-label="Workspace" />}
        <input placeholder="API root (self-hosted, optional; also for Connect)" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} aria-label="API root" />
        {pastedWebhookSecret && <input type="password" autoComplete="off" placeholder="webhook secret (optional)" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} aria-label="Webhook secret" />}
        <button type="submit" disabled={busy}>Connect with token</button>
      </form>
      {message && <p className="notice" data-testid="connect-message">{message}</p>}
    </div>
  );
}

/** After the OAuth callback's redirect: say how it went, then drop the parameters from the address. */
export function OAuthReturnNotice() {
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const provider = params.get("provider") as ProviderId | null;
  const name = provider && provider in PROVIDER_NAMES ? PROVIDER_NAMES[provider] : "The provider";
  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
  }, []);
  if (!params.has("success") && !params.has("error")) return null;
  return params.get("success") === "true" ? (
    <p className="notice" role="status">{name} connected; the first full sync has been requested.</p>
  ) : (
    <p className="error" role="alert">{name} was not connected: {params.get("message") ?? params.get("error")}</p>
  );
}
