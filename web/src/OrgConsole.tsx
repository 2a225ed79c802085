import { clientRefs, subscribeSyncRuns, type SyncRun, type WithId } from "@taskbridge/client";
import { onSnapshot } from "firebase/firestore";
import { db } from "./firebase";
import { Integrations } from "./Integrations";
import { RunningBadge } from "./RunningBadge";
import { SyncRuns } from "./SyncRuns";
import { Tasks } from "./Tasks";
import { useSubscription } from "./use-subscription";

/**
 * One org, for a signed-in user. The member document decides everything: without one the rules
 * refuse every read, and the console says so instead of showing empty tables.
 */
export function OrgConsole({ orgId, uid }: { orgId: string; uid: string }) {
  const member = useSubscription<{ role: string } | null>(
    (l) => onSnapshot(clientRefs.member(db, orgId, uid), (s) => l.next(s.exists() ? s.data() : null), (e) => l.error?.(e)),
    `member/${orgId}/${uid}`,
  );
  const org = useSubscription<{ name: string } | null>(
    (l) => onSnapshot(clientRefs.org(db, orgId), (s) => l.next(s.exists() ? s.data() : null), (e) => l.error?.(e)),
    `org/${orgId}/${member.value?.role ?? "none"}`,
  );
  const runs = useSubscription<WithId<SyncRun>[]>((l) => subscribeSyncRuns(db, orgId, 30, l), `runs/${orgId}/${member.value?.role ?? "none"}`);

  if (member.error || member.value === null) {
    return (
      <p className="card error" data-testid="not-member" role="alert">
        You are not a member of org “{orgId}”. Ask an owner to add you, or open another org.
      </p>
    );
  }
  if (member.value === undefined) return <p className="muted">Checking membership…</p>;
  const isOwner = member.value.role === "owner";

  return (
    <main>
      <div className="org-bar">
        <h2 data-testid="org-name">{org.value?.name ?? orgId}</h2>
        <span className="muted">
          {orgId} · {member.value.role}
        </span>
        <RunningBadge orgId={orgId} />
      </div>
      <Integrations orgId={orgId} isOwner={isOwner} runs={runs.value ?? []} />
      <Tasks orgId={orgId} />
      <SyncRuns runs={runs.value ?? []} error={runs.error} orgId={orgId} />
    </main>
  );
}
