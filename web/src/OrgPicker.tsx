import { useState, type FormEvent } from "react";

const RECENT_KEY = "taskbridge.recentOrgs";

// Nobody may list `orgs` (firestore.rules), and member documents carry no uid field to find
// them by, so the console asks for the org id and remembers the ones used on this browser.
function recentOrgs(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** The org last opened here, so an OAuth redirect comes back to it. */
export function rememberedOrg(): string | null {
  return recentOrgs()[0] ?? null;
}

function remember(orgId: string) {
  localStorage.setItem(RECENT_KEY, JSON.stringify([orgId, ...recentOrgs().filter((id) => id !== orgId)].slice(0, 8)));
}

export function OrgPicker({ onPick }: { onPick: (orgId: string) => void }) {
  const [orgId, setOrgId] = useState("");
  const pick = (id: string) => {
    remember(id);
    onPick(id);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (orgId.trim()) pick(orgId.trim());
  };

  return (
    <form className="card narrow" onSubmit={submit}>
      <h2>Open an org</h2>
      <p className="muted">Your org's id (orgs/&lt;id&gt;); you need a member document in it.</p>
      <label>
        Org id <input name="orgId" value={orgId} onChange={(e) => setOrgId(e.target.value)} required />
      </label>
      <button type="submit">Open</button>
      {recentOrgs().length > 0 && (
        <ul className="recent">
          {recentOrgs().map((id) => (
            <li key={id}>
              <button type="button" className="link" onClick={() => pick(id)}>{id}</button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
