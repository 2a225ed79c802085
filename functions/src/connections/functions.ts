import { onCall, onRequest } from "firebase-functions/https";
import { tokenEncryptionKey } from "../config";
import { connectProvider } from "./connect";
import { connectWithToken } from "./connect-token";
import { disconnectIntegration } from "./disconnect";
import { CREDENTIAL_SECRETS, oauthClientSecrets } from "../config/oauth";
import { handleOAuthRequest } from "./routes";

export const connectProviderCallable = onCall({ secrets: oauthClientSecrets }, connectProvider);

/** Public: the app's form starts a flow here (`POST /oauth/{provider}/start`) and providers redirect browsers back (`GET /oauth/{provider}/callback`). */
export const oauthCallback = onRequest({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 60, invoker: "public" }, handleOAuthRequest);

export const connectWithTokenCallable = onCall({ secrets: [tokenEncryptionKey], timeoutSeconds: 60 }, connectWithToken);

/** Deleting a large integration's tasks takes a while: one batch of 400 per round trip. */
export const disconnectIntegrationCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 540 }, disconnectIntegration);
