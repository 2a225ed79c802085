import { onAuthStateChanged, signOut, type User } from "firebase/auth";
import { useEffect, useState } from "react";
import { auth } from "./firebase";
import { OrgConsole } from "./OrgConsole";
import { OrgPicker, rememberedOrg } from "./OrgPicker";
import { SignIn } from "./SignIn";

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [orgId, setOrgId] = useState<string | null>(rememberedOrg());
  useEffect(() => onAuthStateChanged(auth, setUser), []);

  if (user === undefined) return <p className="muted">Loading…</p>;
  return (
    <div className="app">
      <header>
        <h1>taskbridge console</h1>
        {user && (
          <span className="who">
            <span data-testid="signed-in-as">{user.email}</span>
            {orgId && <button onClick={() => setOrgId(null)}>Switch org</button>}
            <button onClick={() => void signOut(auth)}>Sign out</button>
          </span>
        )}
      </header>
      {!user ? <SignIn /> : !orgId ? <OrgPicker onPick={setOrgId} /> : <OrgConsole key={`${user.uid}/${orgId}`} orgId={orgId} uid={user.uid} />}
    </div>
  );
}
