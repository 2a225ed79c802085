/**
 * The signed deliveries the simulators send (packages/simulators: each provider's *-webhooks.ts), checked by our own
 * receivers' code: each verifies with the secret it was signed with and no other, and parses to
 * an upsert of the task the simulator changed (with the new title where the payload carries the
 * whole task).
 */
import type { ProviderId } from "../../../src/domain/provider-id";
import { providerFor } from "../../../src/providers/registry";
import { type ProviderCase, providerCases, startCases } from "@taskbridge/simulators";

const SECRET = "whsec-sandbox-3f9a1c2e";
const cases = providerCases(3, 7);
const byProvider = (provider: ProviderId): ProviderCase => cases.find((c) => c.provider === provider)!;

beforeAll(() => startCases(cases, 3));
afterAll(() => Promise.all(cases.map((c) => c.sim.stop())));

function headerReader(headers: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower[name.toLowerCase()] };
}

describe.each(["github", "clickup", "plane", "asana", "linear"] as ProviderId[])("a %s simulator's webhook delivery", (provider) => {
  it("is signed as the provider signs, and says which task changed", () => {
    const providerCase = byProvider(provider);
    const externalId = providerCase.edit(`Renamed in ${provider}`, 1);
    const delivery = providerCase.webhookFor(externalId, SECRET);
    const spec = providerFor(provider).webhook;
    const headers = headerReader(delivery.headers);
    const now = new Date();

    expect(spec.verify(delivery.body, headers, [SECRET], now)).toEqual({ ok: true });
    expect(spec.verify(delivery.body, headers, ["whsec-some-other-secret"], now).ok).toBe(false);

    const body: unknown = JSON.parse(delivery.body.toString("utf8"));
    expect(spec.deliveryId(body, headers, delivery.body)).toEqual(expect.any(String));
    const [event, ...rest] = spec.parse(body, headers);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ action: "upsert", externalId });
    if (event!.task) expect(event!.task.title).toBe(`Renamed in ${provider}`);
  });
});

it("gives GitHub and Linear, whose payloads carry the whole task, a complete task", () => {
  for (const provider of ["github", "linear"] as ProviderId[]) {
    const providerCase = byProvider(provider);
    const externalId = providerCase.edit("Whole task", 2);
    const delivery = providerCase.webhookFor(externalId, SECRET);
    const [event] = providerFor(provider).webhook.parse(JSON.parse(delivery.body.toString("utf8")), headerReader(delivery.headers));
    expect(event!.task?.title).toBe("Whole task");
  }
});

it("serialises Plane's body the way Python's json.dumps does, which is what Plane signs", () => {
  const providerCase = byProvider("plane");
  const delivery = providerCase.webhookFor(providerCase.edit("Ünïcode title", 0), SECRET);
  const text = delivery.body.toString("utf8");
  expect(text.startsWith('{"version": "v2", ')).toBe(true);
  expect(text).toContain('"name": "\\u00dcn\\u00efcode title"');
});
