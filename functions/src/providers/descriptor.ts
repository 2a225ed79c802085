import type { ProviderId } from "../domain/provider-id";

/**
 * What people see of a provider and what connecting it asks of them: plain data with no HTTP or
 * Node import, so the browser (packages/client) reads the very objects the backend's providers
 * are built from (`Provider` extends it).
 */
export interface ProviderDescriptor {
  id: ProviderId;
  /** The product synced, as messages name it: "GitHub Issues". */
  displayName: string;
  /** The provider's own name, where the product is clear from context (a console column or button): "GitHub". */
  shortName: string;
  /** What a personal token looks like to the user, and whether it needs a workspace named alongside it. */
  personalToken: PersonalTokenSpec;
  /**
   * Whether a token connect takes the signing secret of a webhook the user created by hand: true
   * where the provider has no API to create webhooks (`Provider.webhookRegistration` is null).
   */
  pastedWebhookSecret: boolean;
}

export interface PersonalTokenSpec {
  /** How the provider calls it, for messages and the token field ("personal API token", "API key"). */
  label: string;
  /**
   * How the provider names the workspace the caller must name with the token ("workspace slug"),
   * or null when the token alone is enough. Plane's API key is not bound to a workspace the API
   * can list: the one named becomes `account.workspaces[0]` before identify runs.
   */
  workspace: string | null;
}
