import type { ConnectProviderInput } from "./callables";

/**
 * What `connectProvider` answers: the backend's start endpoint (`…/oauth/{provider}/start`) and
 * the two fields the app posts there. The connect token is single-use and only good from the
 * app's own origin; neither field belongs in a URL (history, logs, Referer).
 */
export interface ConnectStart {
  url: string;
  state: string;
  connectToken: string;
}

/** The bits of the DOM the helper uses: pass the browser's `document`. */
export interface FormDocument {
  createElement(tag: "form"): { method: string; action: string; enctype: string; style: { display: string }; appendChild(node: never): unknown; submit(): void };
  createElement(tag: "input"): { type: string; name: string; value: string };
  body: { appendChild(node: never): unknown };
}

/**
 * Sends this browser to the start endpoint by a top-level form POST. The endpoint checks the
 * connect token and the page's origin, gives this browser an HttpOnly binding cookie and
 * redirects it to the provider; the provider's callback then completes only in this browser. A
 * fetch() or an iframe would not do: the cookie must land in a top-level navigation.
 */
export function submitConnectStart(start: ConnectStart, doc: FormDocument): void {
  const form = doc.createElement("form");
  form.method = "POST";
  form.action = start.url;
  form.enctype = "application/x-www-form-urlencoded";
  form.style.display = "none";
  for (const [name, value] of [
    ["state", start.state],
    ["connectToken", start.connectToken],
  ] as const) {
    const input = doc.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input as never);
  }
  doc.body.appendChild(form as never);
  form.submit();
}

/**
 * The whole OAuth connect, from the app's side: ask `connectProvider` (owners only), then submit
 * its form. The browser leaves the page; it comes back to `redirectUrl` with
 * `provider&success=true` or `error=…&message=…` (e.g. `browser_mismatch` when the provider's
 * consent was finished in another browser).
 */
export async function startOAuthConnect(
  api: { connectProvider(input: ConnectProviderInput): Promise<ConnectStart> },
  input: ConnectProviderInput,
  doc: FormDocument,
): Promise<void> {
  submitConnectStart(await api.connectProvider(input), doc);
}
