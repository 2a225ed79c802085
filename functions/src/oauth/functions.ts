import { onCall, onRequest } from "firebase-functions/https";
import { tokenEncryptionKey } from "../config";
import { handleOAuthCallback } from "./callback";
import { connectProvider } from "./connect";
import { connectWithToken } from "./connect-token";
import { disconnectIntegration } from "./disconnect";
import { CREDENTIAL_SECRETS, oauthClientSecrets } from "./params";

export const connectProviderCallable = onCall({ secrets: oauthClientSecrets }, connectProvider);

/** Public: providers redirect browsers here. `GET /oauth/{provider}/callback`. */
export const oauthCallback = onRequest({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 60, invoker: "public" }, handleOAuthCallback);

export const connectWithTokenCallable = onCall({ secrets: [tokenEncryptionKey], timeoutSeconds: 60 }, connectWithToken);

/** Deleting a large integration's tasks takes a while: one batch of 400 per round trip. */
export const disconnectIntegrationCallable = onCall({ secrets: CREDENTIAL_SECRETS, timeoutSeconds: 540 }, disconnectIntegration);
