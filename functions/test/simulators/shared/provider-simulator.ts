import { HttpSimulator, type RecordedRequest, type SimResponse } from "../http-simulator";
import { RateWindow, type RateState } from "./rate-window";

export interface ProviderSimulatorOptions {
  /** Requests a credential may make per minute before it is answered as rate limited. */
  requestsPerMinute?: number;
  /** The simulator's clock (epoch ms): stamps writes and drives the rate window. Default Date.now. */
  now?: () => number;
}

/**
 * The request flow every provider simulator shares: authenticate the credential, count the
 * request against its per-minute window, then route it; the provider supplies its own header
 * names, error shapes and routes. Faults injected with `fail()` answer before any of this.
 */
export abstract class ProviderSimulator extends HttpSimulator {
  readonly rateWindow: RateWindow;
  protected readonly now: () => number;

  constructor(defaultRequestsPerMinute: number, options: ProviderSimulatorOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.rateWindow = new RateWindow(options.requestsPerMinute ?? defaultRequestsPerMinute, this.now);
  }

  /** The credential the request carries, or null when it carries none the provider accepts. */
  protected abstract authenticate(request: RecordedRequest): string | null;
  protected abstract unauthorized(request: RecordedRequest): SimResponse;
  /** Headers that report the budget on an allowed request; `{}` for a provider that sends none. */
  protected abstract rateHeaders(state: RateState): Record<string, string>;
  protected abstract rateLimited(state: RateState): SimResponse;
  protected abstract route(request: RecordedRequest, body: unknown): SimResponse;

  protected handle(request: RecordedRequest, body: unknown): SimResponse {
    const credential = this.authenticate(request);
    if (credential === null) return this.unauthorized(request);
    const state = this.rateWindow.take(credential);
    if (state.limited) return this.rateLimited(state);
    const answer = this.route(request, body);
    return { ...answer, headers: { ...this.rateHeaders(state), ...answer.headers } };
  }

  protected isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
