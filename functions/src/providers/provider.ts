import type { Account, AuthKind } from "../domain/integration";
import type { ProjectInfo } from "../domain/project";
import type { TaskDraft } from "../domain/task";
import type { WebhookEvent } from "../domain/webhook-event";
import type { HttpClient } from "../http/client";
import type { RateLimitPolicy } from "../http/types";
import type { ProviderDescriptor } from "./descriptor";

// In domain/ because the store keeps them too; re-exported so a provider reads its whole contract here.
export type { ProjectInfo, WebhookEvent };

/**
 * The one interface every provider implements. A provider is data plus a few functions; the
 * pipeline, webhooks and callables only ever talk to this, never to a named provider.
 */
export interface Provider extends ProviderDescriptor {
  /** API root used when the integration has no baseUrl of its own. */
  defaultBaseUrl: string;
  oauth: OAuthSpec;
  rateLimit: RateLimitPolicy;
  /** Headers that authenticate a request, by how the credential was obtained (a ClickUp pk_ token goes raw, OAuth goes as Bearer…). */
  authHeaders(token: string, kind: AuthKind): Record<string, string>;

  /** Who the credential acts for, and the workspaces every later call is scoped to. */
  identify(session: ProviderSession): Promise<Account>;
  /** Every project the credential can see in the account's workspaces. */
  listProjects(session: ProviderSession): Promise<ProjectInfo[]>;
  /**
   * Pages of tasks of one project. `checkpoint` resumes an interrupted pass exactly where the
   * last yielded page's `nextCheckpoint` said; `since` limits an incremental pass to tasks
   * updated after it.
   */
  listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncIterable<TaskPage>;
  /** One task, or null when the provider no longer has it. */
  getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null>;
  /** A raw provider task (validated with zod) in our vocabulary. */
  normalize(raw: unknown): TaskDraft;

  complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult>;
  comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }>;
  create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft>;

  webhook: WebhookSpec;
  /** Creating and deleting webhooks through the provider's API; null where it has none (Plane: the secret is pasted). */
  webhookRegistration: WebhookRegistration | null;
}

/** What a provider call needs: an HTTP client already bound to base URL, auth and rate-limit state, and the account. */
export interface ProviderSession {
  http: HttpClient;
  account: Account;
}

export interface ListTasksOptions {
  since: Date | null;
  checkpoint: string | null;
}

export interface TaskPage {
  tasks: TaskDraft[];
  /** Where the next page starts; null when this page was the last. */
  nextCheckpoint: string | null;
}

/** Enough to find one task in its provider. */
export interface TaskRef {
  externalId: string;
  providerRef: string;
  project: ProjectInfo;
}

export type CompleteResult =
  | { conflict: false; task: TaskDraft }
  /** The task was already done (or cancelled) in the provider; `currentState` is what it is there now. */
  | { conflict: true; currentState: TaskDraft };

export interface CreateTaskInput {
  title: string;
  description: string | null;
  /** Provider user ids. */
  assignees: string[];
  dueAt: Date | null;
  /** Idempotency key; providers with an external-id field (Plane) store it there. */
  clientRequestId: string | null;
}

/** How the provider's OAuth works, as data. */
export interface OAuthSpec {
  authorizeUrl: string;
  tokenUrl: string;
  /** Null where the provider has no revocation endpoint. */
  revokeUrl: string | null;
  scopes: string[];
  scopeSeparator: " " | ",";
  /** PKCE S256 where the provider supports it. */
  pkce: boolean;
  /** How the client id and secret reach the token endpoint. */
  clientAuth: "body" | "basic";
  /** Body encoding of the token request. */
  tokenRequestFormat: "form" | "json";
  /** Extra query parameters the authorize URL needs (e.g. response_type, prompt). */
  extraAuthorizeParams: Record<string, string>;
  /**
   * App-installation (bot) tokens minted with the client-credentials grant (Plane), or null. They
   * have no refresh token: an expired one is minted again the same way.
   */
  clientCredentials: ClientCredentialsSpec | null;
}

export interface ClientCredentialsSpec {
  /** The callback query parameter, and token-request parameter, naming the installation (e.g. "app_installation_id"). */
  installationParam: string;
  /** How the client id and secret reach the token endpoint for this grant. */
  clientAuth: "body" | "basic";
  /**
   * The workspaces of the installation as the provider confirms it to the session's token (the
   * user token this flow's code earned); empty when the provider does not vouch for it.
   */
  installationWorkspaces(session: ProviderSession, installationId: string): Promise<string[]>;
}

export interface WebhookHeaders {
  /** Lower-cased header name to value. */
  get(name: string): string | undefined;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface WebhookSpec {
  /** The header carrying the signature; used in rejection messages. */
  signatureHeader: string;
  /**
   * The header of a registration handshake, where the provider has one (Asana's X-Hook-Secret):
   * a request carrying it and no signature is answered by echoing it, and its value becomes the
   * webhook's secret. Null for providers without a handshake.
   */
  handshakeHeader: string | null;
  /** Constant-time check of the signature over the raw body against any of the secrets (two while rotating). */
  verify(rawBody: Buffer, headers: WebhookHeaders, secrets: string[], now: Date): VerifyResult;
  /** The id that is equal for every retry of one delivery. */
  deliveryId(body: unknown, headers: WebhookHeaders, rawBody: Buffer): string;
  /** Validates the body (zod) and turns it into events. Throws ValidationError on a body that does not match. */
  parse(body: unknown, headers: WebhookHeaders): WebhookEvent[];
}

/** One webhook we created in the provider, as stored (encrypted) with the integration's credentials. */
export interface RegisteredWebhook {
  /** The provider's id of the webhook. */
  id: string;
  /** What it covers, as `WebhookRegistration.scopes` named it (a repository, a team, a project). */
  scope: string;
  /** The secret the provider signs its deliveries with; null from `create` when it arrives by handshake instead (Asana: registration records the webhook with it). */
  secret: string | null;
}

export interface WebhookTarget {
  /** Our endpoint for this integration: …/webhooks/{provider}/{integrationId}. */
  url: string;
  /** A secret we generated, for providers that let the caller choose one (GitHub, Linear). */
  secret: string;
}

/** How a provider's webhooks are created and deleted through its API. */
export interface WebhookRegistration {
  /**
   * What one webhook each covers, for these projects: a GitHub repository, a ClickUp team, an
   * Asana project, a Linear team. Projects that share a scope share one webhook.
   */
  scopes(session: ProviderSession, projects: ProjectInfo[]): string[];
  /** Creates one webhook for `scope` that delivers task and comment events to `target.url`. */
  create(session: ProviderSession, scope: string, target: WebhookTarget): Promise<RegisteredWebhook>;
  /** Deletes it; a webhook the provider no longer has counts as deleted. */
  remove(session: ProviderSession, webhook: RegisteredWebhook): Promise<void>;
}
