import { setGlobalOptions } from "firebase-functions";
import { defineSecret, defineString } from "firebase-functions/params";

/**
 * Imported first by index.ts: global options are read when each function is defined, so they
 * must be set before any module that calls onRequest/onCall/… is evaluated.
 */
export const REGION = "us-central1";

setGlobalOptions({ region: REGION, maxInstances: 20 });

/** Pub/Sub topics: one message per integration to sync (webhook deliveries are handed off through Firestore, webhooks/receive.ts). */
export const TOPICS = { integrationSync: "integration-sync" } as const;

/**
 * The public URL of the `webhooks` function, where providers deliver (…/webhooks); registration
 * builds each integration's URL from it. Empty means the default cloudfunctions.net URL of this
 * project. The emulator's value is in functions/.env.demo-taskbridge.
 */
export const webhookBaseUrl = defineString("WEBHOOK_BASE_URL", { default: "" });

/** AES-256-GCM keys for stored credentials: `id:base64key[,id:base64key…]`, the first encrypts (credentials/active-keyring.ts). */
export const tokenEncryptionKey = defineSecret("TOKEN_ENCRYPTION_KEY");

/**
 * Origins (scheme://host[:port]) a connection's `baseUrl` may point at, comma-separated: a GitHub
 * Enterprise Server or a self-hosted Plane. OAuth connects accept a baseUrl only on a listed
 * origin, because the callback sends the freshly issued token there; personal-token connects, once
 * the list is set, too. Empty (the default): OAuth uses only the providers' own clouds. A string
 * param rather than defineList, like OAUTH_ALLOWED_REDIRECT_ORIGINS, so a .env line is plain text.
 */
export const providerBaseUrlAllowlist = defineString("PROVIDER_BASE_URL_ALLOWLIST", {
  default: "",
  description: "Origins a connection's baseUrl may use (GitHub Enterprise, self-hosted Plane), comma-separated.",
});
