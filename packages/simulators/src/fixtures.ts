import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The providers' recorded and documented answers and webhook bodies, one folder per provider
 * (each with a README saying where every file comes from). The same path from src/ and lib/.
 */
export const FIXTURES_DIR = join(__dirname, "..", "fixtures");

/** A fixture file's exact bytes (webhook signatures are over the raw body). */
export function fixtureBytes(provider: string, name: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, provider, name));
}

/** A fixture parsed as JSON: a fresh copy on every call, so a test may change it. */
export function fixture<T = unknown>(provider: string, name: string): T {
  return JSON.parse(fixtureBytes(provider, name).toString("utf8")) as T;
}

/** The loader bound to one provider's folder, for that provider's tests; `D` is what `fixture` returns by default. */
export function fixturesOf<D = unknown>(provider: string): { fixtureBytes(name: string): Buffer; fixture<T = D>(name: string): T } {
  return {
    fixtureBytes: (name) => fixtureBytes(provider, name),
    fixture: <T = D>(name: string) => fixture<T>(provider, name),
  };
}
