import { randomUUID } from "node:crypto";
import { INITIAL_SYNC_STATE, type Account, type AuthKind, type Integration } from "../../../functions/src/domain/integration";
import type { ProviderId } from "../../../functions/src/domain/provider-id";
import { saveCredentials } from "../../../functions/src/credentials/credential-store";
import { refs } from "../../../functions/src/store/refs";
import { localKeyring } from "./local-secrets";

/** A fresh org with one owner and one member. */
export async function seedOrg(owner: string, member?: string): Promise<string> {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  await refs.org(orgId).set({ name: `Org ${orgId}` });
  await refs.member(orgId, owner).set({ role: "owner" });
  if (member) await refs.member(orgId, member).set({ role: "member" });
  return orgId;
}

export interface SeedIntegration {
  orgId: string;
  provider: ProviderId;
  baseUrl: string;
  token: string;
  authKind?: AuthKind;
  account?: Account;
  webhookSecrets?: string[];
}

/** A connected integration with its encrypted credential, as the connect flow would leave it. */
export async function seedIntegration(seed: SeedIntegration): Promise<string> {
  const integrationId = `int-${randomUUID().slice(0, 12)}`;
  const now = new Date();
  const integration: Integration = {
    provider: seed.provider,
    status: "connected",
    statusMessage: null,
    authKind: seed.authKind ?? "personal",
    account: seed.account ?? { id: "1", name: "octocat", workspaces: [] },
    scopes: [],
    baseUrl: seed.baseUrl,
    projectSelection: null,
    connectedBy: "seed",
    createdAt: now,
    updatedAt: now,
    syncState: INITIAL_SYNC_STATE,
    rateLimit: null,
  };
  await refs.integration(seed.orgId, integrationId).set(integration);
  await saveCredentials(
    integrationId,
    {
      orgId: seed.orgId,
      provider: seed.provider,
      authKind: seed.authKind ?? "personal",
      accessToken: seed.token,
      refreshToken: null,
      accessTokenExpiresAt: null,
      webhookSecrets: seed.webhookSecrets ?? [],
    },
    localKeyring(),
  );
  return integrationId;
}
