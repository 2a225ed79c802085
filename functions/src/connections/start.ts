import { logger } from "firebase-functions";
import type { Request } from "firebase-functions/https";
import type { Response } from "express";
import { z } from "zod";
import { ProviderIdSchema } from "../domain/provider-id";
import { hashSecret, newSecret } from "../credentials/one-time-secret";
import { bindingCookie, cookiePlacement } from "./browser-binding";
import { OAuthStateError, startState, type OAuthState } from "./state-store";

/** `/oauth/{provider}/start` (Hosting rewrite) or `/{provider}/start` (the function's own URL). */
const START_PATH = /^\/(?:oauth\/)?([a-z]+)\/start\/?$/;

const secret = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const StartFormSchema = z.object({ state: secret, connectToken: secret });

/** Two 43-character fields and their names: anything much longer is not our form. */
const MAX_FORM_BYTES = 1024;

/**
 * POST /oauth/{provider}/start, a top-level form the app submits with `state` and `connectToken`
 * (from connectProvider; a form, so neither ever sits in a URL, a history or a Referer). Checks
 * the token against its hash and the form's Origin against the app's, once per state; then gives
 * this browser its binding cookie (browser-binding.ts) and sends it on to the provider with a 303.
 * Every refusal is a 4xx page saying what to do; nothing is redirected anywhere, because a
 * refused request may come from someone else's page.
 */
export async function handleOAuthStart(req: Request, res: Response): Promise<void> {
  res.set("cache-control", "no-store");
  res.set("referrer-policy", "no-referrer");
  if (req.method !== "POST") {
    res.status(405).set("allow", "POST").type("text/plain").send("Start connecting from the app: it posts a form here.");
    return;
  }
  const provider = ProviderIdSchema.safeParse(START_PATH.exec(req.path)?.[1]);
  if (!provider.success) {
    res.status(404).type("text/plain").send("No such OAuth start.");
    return;
  }
  if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    res.status(415).type("text/plain").send("Start connecting from the app: it posts a form (application/x-www-form-urlencoded) here.");
    return;
  }
  const raw = req.rawBody ?? Buffer.alloc(0);
  if (raw.length > MAX_FORM_BYTES) {
    res.status(413).type("text/plain").send("This sign-in request is too large.");
    return;
  }
  const form = StartFormSchema.safeParse(Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
  if (!form.success) {
    res.status(400).type("text/plain").send("This sign-in request is missing its state or connect token. Start connecting again from the app.");
    return;
  }

  const browserKey = newSecret();
  const now = new Date();
  let state: OAuthState;
  try {
    state = await startState(form.data.state, provider.data, { connectToken: form.data.connectToken, origin: stringHeader(req.headers.origin), browserKeyHash: hashSecret(browserKey) }, now);
  } catch (error) {
    if (error instanceof OAuthStateError) {
      const forbidden = error.code === "wrong_connect_token" || error.code === "wrong_origin";
      logger.warn("oauth start refused", { provider: provider.data, code: error.code });
      res.status(forbidden ? 403 : 400).type("text/plain").send(error.message);
      return;
    }
    logger.error("oauth start failed", { provider: provider.data, error: error instanceof Error ? error.message : String(error) });
    res.status(503).type("text/plain").send("The sign-in could not be started just now. Try again.");
    return;
  }

  res.set("set-cookie", bindingCookie(form.data.state, browserKey, { ...cookiePlacement(state.callbackUrl), maxAgeSeconds: (state.expireAt.getTime() - now.getTime()) / 1000 }));
  res.redirect(303, state.authorizeUrl);
}

function stringHeader(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}
