/**
 * The app's side of the emulated backend: where it answers (from the variables
 * `firebase emulators:exec` sets) and what the browser's Firebase SDK does there: sign up with
 * the Auth emulator, call a callable. The sandbox connects its simulators through these, as a
 * user would; tests use them the same way.
 */
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-taskbridge";
export const FUNCTIONS_URL = `http://127.0.0.1:5001/${PROJECT_ID}/us-central1`;
const AUTH_HOST = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099";

/** A real user of the Auth emulator, with an ID token the callables accept. */
export async function signUp(email: string, password = "password-123"): Promise<{ uid: string; idToken: string }> {
  const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await res.json()) as { localId?: string; idToken?: string; error?: { message: string } };
  if (!body.localId || !body.idToken) throw new Error(`the Auth emulator refused to sign up ${email}: ${body.error?.message ?? `HTTP ${res.status}`}`);
  return { uid: body.localId, idToken: body.idToken };
}

export interface CallableResult {
  status: number;
  result?: unknown;
  error?: { status: string; message: string };
}

/** Calls an emulated callable the way the Firebase client SDK does. */
export async function callCallable(name: string, data: unknown, idToken?: string): Promise<CallableResult> {
  const res = await fetch(`${FUNCTIONS_URL}/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(idToken ? { authorization: `Bearer ${idToken}` } : {}) },
    body: JSON.stringify({ data }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { status: string; message: string } };
  return { status: res.status, ...body };
}
