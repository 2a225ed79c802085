import { fixturesOf } from "@taskbridge/simulators";
import type { WebhookHeaders } from "../../../../src/providers/provider";

/** Linear's fixtures; their bytes are exact, as Linear would have signed them. */
export const { fixture, fixtureBytes } = fixturesOf("linear");

/** A fixture as a mutable object, for a test that changes one field of it. */
export function fixtureObject(name: string): Record<string, unknown> {
  return fixture(name) as Record<string, unknown>;
}

export function headers(values: Record<string, string>): WebhookHeaders {
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) };
}
