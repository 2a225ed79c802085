import { randomBytes } from "node:crypto";
import { Keyring, KeyringError } from "../../../src/credentials/keyring";

const key = () => randomBytes(32).toString("base64");

describe("Keyring", () => {
  const oldKey = `k1:${key()}`;
  const newKey = `k2:${key()}`;

  it("round-trips, and the ciphertext does not contain the plaintext", () => {
    const ring = new Keyring(oldKey);
    const blob = ring.encrypt("ghp_secret_token_value", "int-1");
    expect(JSON.stringify(blob)).not.toContain("ghp_secret_token_value");
    expect(blob.keyId).toBe("k1");
    expect(ring.decrypt(blob, "int-1")).toBe("ghp_secret_token_value");
  });

  it("decrypts with an old key after rotation and encrypts with the new one", () => {
    const before = new Keyring(oldKey).encrypt("token", "int-1");
    const rotated = new Keyring(`${newKey},${oldKey}`);
    expect(rotated.decrypt(before, "int-1")).toBe("token");
    expect(rotated.needsReencryption(before)).toBe(true);
    expect(rotated.encrypt("token", "int-1").keyId).toBe("k2");
  });

  it("refuses a ciphertext moved to another document, tampered with, or made with a key that was removed", () => {
    const ring = new Keyring(oldKey);
    const blob = ring.encrypt("token", "int-1");
    expect(() => ring.decrypt(blob, "int-2")).toThrow(KeyringError);
    const tampered = { ...blob, data: Buffer.from("xxxxx").toString("base64") };
    expect(() => ring.decrypt(tampered, "int-1")).toThrow(KeyringError);
    expect(() => new Keyring(newKey).decrypt(blob, "int-1")).toThrow(/no key "k1"/);
  });

  it("refuses a ciphertext whose GCM tag was truncated, even to a prefix of the genuine tag", () => {
    const ring = new Keyring(oldKey);
    const blob = ring.encrypt("token", "int-1");
    const fullTag = Buffer.from(blob.tag, "base64");
    expect(fullTag).toHaveLength(16);
    for (const bytes of [4, 8, 12, 15]) {
      const truncated = { ...blob, tag: fullTag.subarray(0, bytes).toString("base64") };
      expect(() => ring.decrypt(truncated, "int-1")).toThrow(KeyringError);
    }
  });

  it("rejects malformed key material with a message that names the format, not the value", () => {
    expect(() => new Keyring("")).toThrow(/not set/);
    expect(() => new Keyring("just-a-key")).toThrow(/id:base64key/);
    expect(() => new Keyring(`k1:${Buffer.from("short").toString("base64")}`)).toThrow(/32 bytes/);
  });
});
