import type { IncomingMessage, ServerResponse } from "node:http";
import { LoopbackServer } from "./loopback-server";
import { RateWindow, type RateBudget, type RateState } from "./rate-window";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** Every request header, lower-cased name to value (repeated headers joined with ", "). */
  headers: Record<string, string>;
}

export interface Fault {
  /** Which requests fail. */
  matches(request: RecordedRequest): boolean;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many more matching requests fail. */
  times: number;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request with its parsed JSON body (undefined when empty or not JSON) and the answer sent. */
export interface SimExchange {
  request: RecordedRequest;
  body: unknown;
  response: SimResponse;
}

export interface ProviderSimulatorOptions {
  /** Requests a credential may make per minute before it is answered as rate limited. */
  requestsPerMinute?: number;
  /** The simulator's clock (epoch ms): stamps writes and drives the rate window. Default Date.now. */
  now?: () => number;
}

/**
 * The one base of every provider simulator. Its plumbing: a loopback HTTP server that records
 * requests and their answers, injects faults on demand and can slow every answer down. Its request
 * flow: authenticate the credential, count the request against its rate budget, then route it;
 * the provider supplies its own header names, error shapes and routes. Faults injected with
 * `fail()` answer before any of this.
 */
export abstract class ProviderSimulator {
  readonly requests: RecordedRequest[] = [];
  /** Every request and its answer, for the contract tests that check both against the provider's schema. */
  readonly exchanges: SimExchange[] = [];
  /** How the credentials' requests are counted: a per-minute RateWindow, or the provider's own budget. */
  readonly rateBudget: RateBudget;
  protected readonly now: () => number;
  private readonly faults: Fault[] = [];
  private readonly loopback = new LoopbackServer((req, res) => this.dispatch(req, res));
  /** Added before every answer, to make a pass long enough to interrupt. */
  delayMs = 0;
  baseUrl = "";

  /**
   * `budget`: the requests per minute a credential gets unless `options.requestsPerMinute` says
   * otherwise (a RateWindow), or a factory for a budget the provider counts differently.
   */
  constructor(budget: number | ((now: () => number) => RateBudget), options: ProviderSimulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.rateBudget = typeof budget === "number" ? new RateWindow(options.requestsPerMinute ?? budget, this.now) : budget(this.now);
  }

  /** The credential the request carries, or null when it carries none the provider accepts. */
  protected abstract authenticate(request: RecordedRequest): string | null;
  protected abstract unauthorized(request: RecordedRequest): SimResponse;
  /** Headers that report the budget on an allowed request; `{}` for a provider that sends none. */
  protected abstract rateHeaders(state: RateState): Record<string, string>;
  protected abstract rateLimited(state: RateState): SimResponse;
  protected abstract route(request: RecordedRequest, body: unknown): SimResponse;

  protected handle(request: RecordedRequest, body: unknown): SimResponse | Promise<SimResponse> {
    const credential = this.authenticate(request);
    if (credential === null) return this.unauthorized(request);
    const state = this.rateBudget.take(credential);
    if (state.limited) return this.rateLimited(state);
    const answer = this.route(request, body);
    return { ...answer, headers: { ...this.rateHeaders(state), ...answer.headers } };
  }

  protected isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** Listens on 127.0.0.1, on `port` when given (the sandbox's fixed addresses), else on any free one. */
  async start(port = 0): Promise<string> {
    this.baseUrl = await this.loopback.start(port);
    return this.baseUrl;
  }

  stop(): Promise<void> {
    return this.loopback.stop();
  }

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith(pathPrefix));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim");
    const headers = Object.fromEntries(
      Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value]])),
    );
    const recorded: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, headers };
    this.requests.push(recorded);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const fault = this.faults.find((f) => f.times > 0 && f.matches(recorded));
    let answer: SimResponse;
    if (fault) {
      fault.times -= 1;
      answer = { status: fault.status, body: fault.body, ...(fault.headers ? { headers: fault.headers } : {}) };
    } else {
      answer = await this.answer(recorded, text);
    }
    this.exchanges.push({ request: recorded, body: parseJson(text), response: answer });
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  }

  /**
   * A body that is not JSON is the client's mistake (400); a handler that throws is the
   * simulator's own bug (500). Either way the request gets an answer instead of hanging.
   */
  private async answer(recorded: RecordedRequest, text: string): Promise<SimResponse> {
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return { status: 400, body: { message: "the request body is not JSON" } };
    }
    try {
      return await this.handle(recorded, body);
    } catch (error) {
      return { status: 500, body: { message: `simulator error: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
