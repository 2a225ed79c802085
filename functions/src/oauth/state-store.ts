import { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import { timestampsToDates } from "../domain/converter";
import { ProviderIdSchema, type ProviderId } from "../domain/provider-id";
import { db } from "../store/db";

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
  createdAt: z.date(),
  expireAt: z.date(),
  /** Set by the one callback that used it; a second use is refused. */
  consumedAt: z.date().nullable(),
});
export type OAuthState = z.infer<typeof OAuthStateSchema>;

export type StateProblem = "unknown_state" | "state_already_used" | "expired_state" | "provider_mismatch";

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
};

const stateRef = (state: string) => db().collection("oauthStates").doc(state);

export async function saveState(state: string, doc: OAuthState): Promise<void> {
  const checked = OAuthStateSchema.parse(doc);
  await stateRef(state).create({
    ...checked,
    createdAt: Timestamp.fromDate(checked.createdAt),
    expireAt: Timestamp.fromDate(checked.expireAt),
    consumedAt: null,
  });
}

/**
 * Uses the state once: in one transaction it is read, checked and marked consumed, so two
 * callbacks racing with the same state cannot both pass. An expired or used state is refused.
 */
export async function consumeState(state: string, provider: ProviderId, now: Date): Promise<OAuthState> {
  // A state is base64url of 32 bytes; anything else is not one of ours (and not a valid document id).
  if (!/^[A-Za-z0-9_-]{43}$/.test(state)) throw new OAuthStateError("unknown_state", null);
  return db().runTransaction(async (tx) => {
    const snapshot = await tx.get(stateRef(state));
    if (!snapshot.exists) throw new OAuthStateError("unknown_state", null);
    const doc = OAuthStateSchema.parse(timestampsToDates(snapshot.data()!));
    if (doc.consumedAt !== null) throw new OAuthStateError("state_already_used", doc);
    if (doc.expireAt.getTime() <= now.getTime()) throw new OAuthStateError("expired_state", doc);
    if (doc.provider !== provider) throw new OAuthStateError("provider_mismatch", doc);
    tx.update(snapshot.ref, { consumedAt: Timestamp.fromDate(now) });
    return doc;
  });
}
