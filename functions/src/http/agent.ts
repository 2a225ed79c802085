import { Agent } from "undici";

/**
 * Timeouts and keep-alive for every provider call. Each phase has its own bound so a stalled
 * provider cannot hold a Cloud Functions instance until the platform kills it: the worker's own
 * retries (and Cloud Tasks') handle the failure instead.
 */
export const AGENT_OPTIONS = {
  /** TCP + TLS handshake. */
  connectTimeout: 10_000,
  /** From the request sent to the response headers received; provider list endpoints can be slow. */
  headersTimeout: 30_000,
  /** Longest silence between two body chunks. */
  bodyTimeout: 30_000,
  /** Keep idle sockets for reuse between a worker's consecutive page fetches. */
  keepAliveTimeout: 30_000,
  /** Upper bound on a server's keep-alive hint. */
  keepAliveMaxTimeout: 600_000,
  /** A page of a few hundred tasks is well under this; a runaway body should fail, not exhaust memory. */
  maxResponseSize: 50 * 1024 * 1024,
} as const;

export type AgentOptions = Partial<Record<keyof typeof AGENT_OPTIONS, number>>;

/** A keep-alive Agent with every timeout set; `overrides` lets tests shorten them. */
export function createAgent(overrides: AgentOptions = {}): Agent {
  return new Agent({ ...AGENT_OPTIONS, ...overrides });
}

let shared: Agent | null = null;

/**
 * The one Agent the process shares, created on first use: connections to a provider are reused
 * across clients, credentials and requests of the same instance.
 */
export function sharedAgent(): Agent {
  shared ??= createAgent();
  return shared;
}
