import { defineSecret, defineString } from "firebase-functions/params";
import { PROVIDER_IDS, type ProviderId } from "../domain/provider-id";
import { REGION, tokenEncryptionKey } from "./index";

/**
 * Origins a connect flow may return the browser to, comma-separated. Anything else is refused, so
 * the callback can never be used as an open redirect or hand a result to someone else's page. The
 * default is the local web app's dev server; a deployed project sets its own in
 * functions/.env.<projectId>. A string param, not defineList: a list param's runtime value must be
 * JSON, which a .env line written the obvious way is not.
 */
const allowedRedirectOriginsParam = defineString("OAUTH_ALLOWED_REDIRECT_ORIGINS", {
  default: "http://localhost:5173,http://127.0.0.1:5173",
  description: "Origins (scheme://host[:port]) the OAuth callback may redirect back to, comma-separated.",
});

export function allowedRedirectOrigins(): string[] {
  return allowedRedirectOriginsParam
    .value()
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

interface ClientSecretPair {
  id: ReturnType<typeof defineSecret>;
  secret: ReturnType<typeof defineSecret>;
}

/** One OAuth client per provider: `<PROVIDER>_CLIENT_ID` and `<PROVIDER>_CLIENT_SECRET`, both in Secret Manager. */
const CLIENT_SECRETS = Object.fromEntries(
  PROVIDER_IDS.map((id) => [
    id,
    { id: defineSecret(`${id.toUpperCase()}_CLIENT_ID`), secret: defineSecret(`${id.toUpperCase()}_CLIENT_SECRET`) },
  ]),
) as Record<ProviderId, ClientSecretPair>;

/** Every OAuth client secret, for the `secrets` option of each function that may exchange or refresh a token. */
export const oauthClientSecrets = Object.values(CLIENT_SECRETS).flatMap((pair) => [pair.id, pair.secret]);

/**
 * What every function that opens a provider session needs: the encryption key, and the OAuth
 * clients, because an expiring token is refreshed on the way (credentials/refresh.ts).
 */
export const CREDENTIAL_SECRETS = [tokenEncryptionKey, ...oauthClientSecrets];

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export class OAuthClientNotConfiguredError extends Error {
  constructor(provider: ProviderId) {
    super(`OAuth is not configured for ${provider}: set ${provider.toUpperCase()}_CLIENT_ID and ${provider.toUpperCase()}_CLIENT_SECRET`);
    this.name = "OAuthClientNotConfiguredError";
  }
}

/** The provider's OAuth client, read at call time (a secret only has a value inside a function that lists it). */
export function oauthClient(provider: ProviderId): OAuthClient {
  const pair = CLIENT_SECRETS[provider];
  const clientId = pair.id.value().trim();
  const clientSecret = pair.secret.value().trim();
  if (!clientId || !clientSecret) throw new OAuthClientNotConfiguredError(provider);
  return { clientId, clientSecret };
}

/**
 * The `oauth` function's public URL: the redirect_uri registered with every provider. Set
 * OAUTH_CALLBACK_URL when it is served elsewhere (a Hosting rewrite, a custom domain); otherwise
 * it is the function's default Cloud Functions URL. Read from the environment, not a param, so a
 * deploy never stops to ask for it.
 */
export function oauthCallbackBase(): string {
  const configured = process.env.OAUTH_CALLBACK_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return `https://${REGION}-${process.env.GCLOUD_PROJECT ?? ""}.cloudfunctions.net/oauth`;
}

/** The redirect_uri for one provider: …/oauth/{provider}/callback. */
export function callbackUrl(provider: ProviderId): string {
  return `${oauthCallbackBase()}/${provider}/callback`;
}

/**
 * Where the app's form starts a flow: …/oauth/{provider}/start, beside the callback, so the
 * browser-binding cookie it sets is one the callback receives (same host).
 */
export function startUrl(provider: ProviderId): string {
  return `${oauthCallbackBase()}/${provider}/start`;
}

/**
 * OAUTH_BASE_URL_OVERRIDE, when set, sends every provider's authorize, token and revoke request to
 * `{override}/{provider}{the URL's path}` instead: a local OAuth simulator (the demo project's
 * functions/.env.demo-taskbridge sets it for the emulator tests). Unset in any real project.
 */
export function oauthBaseUrlOverride(): string | null {
  const value = process.env.OAUTH_BASE_URL_OVERRIDE?.trim();
  return value ? value.replace(/\/+$/, "") : null;
}
