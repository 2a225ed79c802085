import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, MockAgent } from "undici";
import { z } from "zod";
import * as agentModule from "../../../src/http/agent";
import { AGENT_OPTIONS, createAgent, sharedAgent } from "../../../src/http/agent";
import { HttpClient, resetRateLimitStates } from "../../../src/http/client";
import { NetworkError } from "../../../src/http/errors";
import { FakeClock } from "@taskbridge/simulators";
import { POLICIES } from "./helpers";

beforeEach(() => resetRateLimitStates());

describe("shared agent", () => {
  it("is one keep-alive Agent for the whole process", () => {
    expect(sharedAgent()).toBeInstanceOf(Agent);
    expect(sharedAgent()).toBe(sharedAgent());
  });

  it("sets a connect, headers and body timeout, and keep-alive", () => {
    for (const name of ["connectTimeout", "headersTimeout", "bodyTimeout", "keepAliveTimeout"] as const) {
      expect(AGENT_OPTIONS[name]).toBeGreaterThan(0);
      expect(Number.isFinite(AGENT_OPTIONS[name])).toBe(true);
    }
  });

  it("is what a client uses when no dispatcher is given", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.get("https://api.github.com").intercept({ path: "/x" }).reply(200, { ok: true });
    const spy = jest.spyOn(agentModule, "sharedAgent").mockReturnValue(mock as unknown as Agent);
    try {
      const client = new HttpClient({ provider: "github", baseUrl: "https://api.github.com", headers: {}, policy: POLICIES.github, rateLimitKey: "k" });
      await expect(client.request({ method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) })).resolves.toMatchObject({ data: { ok: true } });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await mock.close();
    }
  });
});

/**
 * Against a real local server, so undici's own timers and sockets are exercised: a stalled
 * provider must become a NetworkError, and connections must be reused.
 */
describe("agent against a local server", () => {
  let server: Server;
  let origin: string;
  let connections: number;
  let behaviour: "ok" | "no-headers" | "stalled-body";

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (behaviour === "no-headers") return; // never answers
      if (behaviour === "stalled-body") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ok":'); // and nothing more
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    connections = 0;
    behaviour = "ok";
  });

  const clientWith = (agent: Agent) =>
    new HttpClient({ provider: "test", baseUrl: origin, headers: {}, policy: POLICIES.asana, rateLimitKey: "local", dispatcher: agent, clock: new FakeClock(), maxAttempts: 1 });
  const schema = z.object({ ok: z.boolean() });

  it("reuses connections for consecutive requests (keep-alive)", async () => {
    const agent = createAgent();
    try {
      const client = clientWith(agent);
      for (const path of ["/a", "/b", "/c", "/d", "/e", "/f"]) await client.request({ method: "GET", path, schema });
      // undici may open a second socket while the first is being released; without keep-alive it would be six.
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      await agent.close();
    }
  });

  it("turns a provider that sends no headers into a NetworkError after the headers timeout", async () => {
    behaviour = "no-headers";
    const agent = createAgent({ headersTimeout: 50 });
    try {
      await expect(clientWith(agent).request({ method: "GET", path: "/slow", schema })).rejects.toThrow(
        new NetworkError({ provider: "test", operation: "GET /slow", status: null, providerMessage: "UND_ERR_HEADERS_TIMEOUT" }).message,
      );
    } finally {
      await agent.destroy();
    }
  });

  it("turns a body that stops arriving into a NetworkError after the body timeout", async () => {
    behaviour = "stalled-body";
    const agent = createAgent({ bodyTimeout: 50 });
    try {
      await expect(clientWith(agent).request({ method: "GET", path: "/stall", schema })).rejects.toThrow(/UND_ERR_BODY_TIMEOUT/);
    } finally {
      await agent.destroy();
    }
  });
});
