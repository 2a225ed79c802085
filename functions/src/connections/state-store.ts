import type { DocumentData } from "firebase-admin/firestore";
import { z } from "zod";
import { timestampsToDates } from "../domain/converter";
import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { consumeOAuthState, createOAuthState, markOAuthStateStarted } from "../store/oauth-states";
import { matchesHash } from "../credentials/one-time-secret";

/** How long a user has between asking for the authorize URL and coming back. */
export const STATE_TTL_MS = 10 * 60 * 1000;

/** oauthStates/{state}: no client may read it (firestore.rules has no match for it). */
export const OAuthStateSchema = z.object({
  orgId: z.string().min(1),
  uid: z.string().min(1),
  provider: ProviderIdSchema,
  /** PKCE verifier; null for providers without PKCE. Short-lived and backend-only. */
  codeVerifier: z.string().min(43).nullable(),
  redirectUrl: z.string().url(),
  /** The redirect_uri sent to the provider: the code exchange must repeat it exactly. */
  callbackUrl: z.string().url(),
  /** API root for a self-hosted instance; null for the provider's default. */
  baseUrl: z.string().url().nullable(),
  /** The provider's authorize URL, where the start endpoint sends the browser it has bound. */
  authorizeUrl: z.string().url(),
  /** SHA-256 of the one-time connect token connectProvider handed to the app; never the token. */
  connectTokenHash: z.string().min(1),
  /** SHA-256 of the key the start endpoint put in the browser's cookie; null until started. */
  browserKeyHash: z.string().min(1).nullable(),
  /** Set by the one start that bound a browser; a second start is refused. */
  startedAt: z.date().nullable(),
  createdAt: z.date(),
  expireAt: z.date(),
  /** Set by the one callback that used it; a second use is refused. */
  consumedAt: z.date().nullable(),
});
export type OAuthState = z.infer<typeof OAuthStateSchema>;

export type StateProblem =
  | "unknown_state"
  | "state_already_used"
  | "expired_state"
  | "provider_mismatch"
  | "already_started"
  | "wrong_connect_token"
  | "wrong_origin"
  | "browser_mismatch"
  | "not_owner";

/** The state cannot be used. `state` is set when the document exists, so the caller knows where to send the user. */
export class OAuthStateError extends Error {
  constructor(
    readonly code: StateProblem,
    readonly state: OAuthState | null,
  ) {
    super(STATE_MESSAGES[code]);
    this.name = "OAuthStateError";
  }
}

const STATE_MESSAGES: Record<StateProblem, string> = {
  unknown_state: "This sign-in link is not valid. Start connecting again.",
  state_already_used: "This sign-in link was already used. Start connecting again.",
  expired_state: "This sign-in link expired. Start connecting again.",
  provider_mismatch: "This sign-in link belongs to another provider. Start connecting again.",
  already_started: "This sign-in was already started in a browser. Start connecting again.",
  wrong_connect_token: "This sign-in was not started by the app that asked for it. Start connecting again.",
  wrong_origin: "This sign-in can only be started from the app that asked for it. Start connecting again.",
  browser_mismatch: "This sign-in was finished in another browser than the one that started it, so nothing was connected. Start connecting again from the app, in this browser.",
  not_owner: "Only an owner of the organization can connect a provider, and the one who started this sign-in no longer is one. Nothing was connected.",
};

/** A state is base64url of 32 bytes; anything else is not one of ours (and not a valid document id). */
export function looksLikeState(state: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(state);
}

export async function saveState(state: string, doc: OAuthState): Promise<void> {
  const checked = OAuthStateSchema.parse(doc);
  await createOAuthState(state, { ...checked, browserKeyHash: null, startedAt: null, consumedAt: null });
}

/** The stored state, parsed; a missing one is refused as unknown. */
function parseStored(stored: DocumentData | undefined): OAuthState {
  if (stored === undefined) throw new OAuthStateError("unknown_state", null);
  return OAuthStateSchema.parse(timestampsToDates(stored));
}

/** Why a state that exists cannot be used at all any more: used, expired or another provider's. */
function unusable(doc: OAuthState, provider: ProviderId, now: Date): StateProblem | null {
  if (doc.consumedAt !== null) return "state_already_used";
  if (doc.expireAt.getTime() <= now.getTime()) return "expired_state";
  if (doc.provider !== provider) return "provider_mismatch";
  return null;
}

export interface StartRequest {
  /** The connect token the app posted; checked against its hash. */
  connectToken: string;
  /** The posting page's Origin header: it must be the origin the flow returns to. */
  origin: string | null;
  /** Hash of the key the start endpoint is about to put in the browser's cookie. */
  browserKeyHash: string;
}

/**
 * Binds the state to one browser, once: the connect token must match and the form must come from
 * the app's own origin (so another site cannot bind a victim's browser to its own flow). A refused
 * start changes nothing: whoever knows only the state cannot spend it.
 */
export async function startState(state: string, provider: ProviderId, request: StartRequest, now: Date): Promise<OAuthState> {
  if (!looksLikeState(state)) throw new OAuthStateError("unknown_state", null);
  return markOAuthStateStarted(state, { startedAt: now, browserKeyHash: request.browserKeyHash }, (stored) => {
    const doc = parseStored(stored);
    const problem = unusable(doc, provider, now);
    if (problem) throw new OAuthStateError(problem, null);
    if (!matchesHash(request.connectToken, doc.connectTokenHash)) throw new OAuthStateError("wrong_connect_token", null);
    if (request.origin !== new URL(doc.redirectUrl).origin) throw new OAuthStateError("wrong_origin", null);
    if (doc.startedAt !== null) throw new OAuthStateError("already_started", null);
    return { ...doc, startedAt: now, browserKeyHash: request.browserKeyHash };
  });
}

/**
 * Uses the state once: in one transaction it is read, checked and marked consumed, so two
 * callbacks racing with the same state cannot both pass. An expired or used state is refused.
 * A state that is usable but arrives from another browser (no or another binding cookie), or
 * whose starter is no longer an owner of the org, is consumed AND refused: the link has escaped
 * or its authority is gone, so it must not be tried again; the owner simply starts over.
 */
export async function consumeState(state: string, provider: ProviderId, browserKey: string | null, now: Date): Promise<OAuthState> {
  if (!looksLikeState(state)) throw new OAuthStateError("unknown_state", null);
  const outcome = await consumeOAuthState(
    state,
    now,
    (stored) => {
      const doc = parseStored(stored);
      const problem = unusable(doc, provider, now);
      if (problem) throw new OAuthStateError(problem, doc);
      return doc;
    },
    (doc, starter) => {
      // Thrown after the transaction, so that the consumption is committed.
      if (!matchesHash(browserKey, doc.browserKeyHash)) return { doc, refused: "browser_mismatch" as const };
      if (starter?.role !== "owner") return { doc, refused: "not_owner" as const };
      return { doc, refused: null };
    },
  );
  if (outcome.refused) throw new OAuthStateError(outcome.refused, outcome.doc);
  return outcome.doc;
}
