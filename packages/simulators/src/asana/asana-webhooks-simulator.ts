import { randomBytes } from "node:crypto";
import { AsanaSimulator, type AsanaSimulatorOptions } from "./asana-simulator";
import type { RecordedRequest, SimResponse } from "../base/provider-simulator";

/** A webhook Asana created after the handshake succeeded. */
export interface AsanaSimHook {
  gid: string;
  resource: string;
  target: string;
  filters: unknown;
  /** The secret Asana sent in X-Hook-Secret: it signs every later delivery. */
  secret: string;
}

/**
 * The Asana simulator plus POST /webhooks and DELETE /webhooks/{gid} as Asana runs them: while
 * the create request is in flight it POSTs to the target with a fresh X-Hook-Secret and creates
 * the webhook only if the target answers 200/204 echoing that header (AS-OAS /webhooks).
 */
export class AsanaWebhooksSimulator extends AsanaSimulator {
  readonly hooks: AsanaSimHook[] = [];
  /** Every handshake made: the secret sent, and how the target answered. */
  readonly handshakes: Array<{ target: string; secret: string; status: number; echoed: string | null }> = [];
  /** How many of the next creates fail with a 500 after their handshake succeeded (a server error Asana may still answer with). */
  failCreatesAfterHandshake = 0;
  private nextGid = 9_000_000;

  constructor(options: AsanaSimulatorOptions = {}) {
    super(options);
  }

  // A create must wait for the handshake; the base awaits whatever handle() returns.
  protected override handle(request: RecordedRequest, body: unknown): SimResponse | Promise<SimResponse> {
    const path = request.path.replace(/^\/api\/1\.0/, "");
    const isCreate = request.method === "POST" && path === "/webhooks";
    const remove = request.method === "DELETE" ? /^\/webhooks\/([^/]+)$/.exec(path) : null;
    if (!isCreate && !remove) return super.handle(request, body);
    if (this.authenticate(request) === null) return this.unauthorized();
    if (remove) return this.removeHook(remove[1]!);
    return this.createHook(body);
  }

  private async createHook(body: unknown): Promise<SimResponse> {
    const data = (body as { data?: { resource?: string; target?: string; filters?: unknown } } | undefined)?.data;
    if (!data?.resource || !data.target) return error(400, "resource, target: Missing input");
    if (!this.data.projects.some((project) => project.gid === data.resource)) return error(404, `Unknown object: ${data.resource}`);
    const secret = randomBytes(16).toString("hex");
    const res = await fetch(data.target, { method: "POST", headers: { "X-Hook-Secret": secret, "content-type": "application/json" }, body: "" });
    const echoed = res.headers.get("x-hook-secret");
    this.handshakes.push({ target: data.target, secret, status: res.status, echoed });
    if ((res.status !== 200 && res.status !== 204) || echoed !== secret) {
      return error(400, "The remote server did not respond with the handshake secret.");
    }
    if (this.failCreatesAfterHandshake > 0) {
      this.failCreatesAfterHandshake -= 1;
      return error(500, "Server Error");
    }
    const hook: AsanaSimHook = { gid: String(this.nextGid++), resource: data.resource, target: data.target, filters: data.filters ?? null, secret };
    this.hooks.push(hook);
    return {
      status: 201,
      body: { data: { gid: hook.gid, resource_type: "webhook", active: true, resource: { gid: hook.resource, resource_type: "project" }, target: hook.target } },
      headers: { "X-Hook-Secret": secret },
    };
  }

  private removeHook(gid: string): SimResponse {
    const index = this.hooks.findIndex((hook) => hook.gid === gid);
    if (index < 0) return error(404, `Unknown object: ${gid}`);
    this.hooks.splice(index, 1);
    return { status: 200, body: { data: {} } };
  }
}

function error(status: number, message: string): SimResponse {
  return { status, body: { errors: [{ message }] } };
}
