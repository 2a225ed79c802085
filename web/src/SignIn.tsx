import { createUserWithEmailAndPassword, signInWithEmailAndPassword } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { auth } from "./firebase";
import { describeError } from "./use-subscription";

/** Email and password against the Auth emulator; a new email can create its account here. */
export function SignIn() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent, create: boolean) {
    event.preventDefault();
    setError(null);
    try {
      await (create ? createUserWithEmailAndPassword : signInWithEmailAndPassword)(auth, email, password);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <form className="card narrow" onSubmit={(event) => void submit(event, false)}>
      <h2>Sign in</h2>
      <label>
        Email <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <div className="row">
        <button type="submit">Sign in</button>
        <button type="button" onClick={(event) => void submit(event, true)}>Create account</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
