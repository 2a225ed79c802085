import { hashSecret, matchesHash, newSecret } from "../../../src/credentials/one-time-secret";

describe("one-time secrets", () => {
  it("are 32 random bytes, base64url, fit for a URL or a document id", () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(secret);
  });

  it("match their stored hash only when they belong together", () => {
    const key = newSecret();
    expect(hashSecret(key)).not.toContain(key);
    expect(matchesHash(key, hashSecret(key))).toBe(true);
    expect(matchesHash(newSecret(), hashSecret(key))).toBe(false);
    expect(matchesHash(null, hashSecret(key))).toBe(false);
    expect(matchesHash(key, null)).toBe(false);
  });
});
