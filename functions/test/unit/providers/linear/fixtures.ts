import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WebhookHeaders } from "../../../../src/providers/provider";

const FIXTURES = join(__dirname, "../../../fixtures/linear");

/** A fixture's exact bytes, as Linear would have signed them. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function fixture(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString("utf8"));
}

/** A fixture as a mutable object, for a test that changes one field of it. */
export function fixtureObject(name: string): Record<string, unknown> {
  return fixture(name) as Record<string, unknown>;
}

export function headers(values: Record<string, string>): WebhookHeaders {
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) };
}
