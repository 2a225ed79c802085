import { randomBytes } from "node:crypto";
import type { Firestore } from "firebase-admin/firestore";
import type { ProviderId } from "../functions/src/domain/provider-id";
import { PROVIDER_DESCRIPTORS } from "../functions/src/providers/descriptors";
import { callCallable, type ProviderCase, signUp } from "@taskbridge/simulators";

export interface DemoOptions {
  firestore: Firestore;
  /** Started simulators, one per provider. */
  cases: ProviderCase[];
  email: string;
  password: string;
  orgId: string;
  orgName: string;
}

export interface DemoIntegration {
  provider: ProviderId;
  integrationId: string;
  /** The API root the integration was connected with: its simulator. */
  baseUrl: string;
  /** The webhook signing secret it was connected with; the simulator signs with it. Never printed. */
  webhookSecret: string;
  providerCase: ProviderCase;
}

export interface DemoOrg {
  orgId: string;
  uid: string;
  idToken: string;
  integrations: DemoIntegration[];
}

/**
 * Seeds the demo org through the real paths: an Auth emulator user, the org and its owner
 * membership (written directly: there is no callable that creates an org), then one
 * `connectWithToken` call per provider with the simulator's personal token, its loopback API root
 * and a fresh webhook secret. The callable checks the token with a real identify call, stores the
 * encrypted credential, registers webhooks where the simulator can, and requests the initial full
 * sync, exactly as for a real provider.
 */
export async function seedDemoOrg(options: DemoOptions): Promise<DemoOrg> {
  const { firestore, orgId } = options;
  const user = await signUp(options.email, options.password);
  await firestore.doc(`orgs/${orgId}`).set({ name: options.orgName });
  await firestore.doc(`orgs/${orgId}/members/${user.uid}`).set({ role: "owner" });

  const integrations: DemoIntegration[] = [];
  for (const providerCase of options.cases) {
    const connection = providerCase.connection();
    const webhookSecret = randomBytes(24).toString("base64url");
    // A token bound to one workspace the API cannot list (Plane's API key) comes with it named; the others find theirs.
    const workspace = PROVIDER_DESCRIPTORS[providerCase.provider].personalToken.workspace !== null ? connection.account.workspaces[0] : undefined;
    const res = await callCallable(
      "connectWithToken",
      { orgId, provider: providerCase.provider, token: connection.token, baseUrl: connection.baseUrl, webhookSecret, ...(workspace ? { workspace } : {}) },
      user.idToken,
    );
    if (res.status !== 200) throw new Error(`connecting the ${providerCase.provider} simulator failed: ${res.error?.status ?? res.status} ${res.error?.message ?? ""}`);
    const { integrationId } = res.result as { integrationId: string };
    integrations.push({ provider: providerCase.provider, integrationId, baseUrl: connection.baseUrl, webhookSecret, providerCase });
  }
  return { orgId, uid: user.uid, idToken: user.idToken, integrations };
}
