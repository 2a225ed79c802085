import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

/** AES-256-GCM ciphertext with the id of the key that made it, so keys can rotate. */
export const EncryptedBlobSchema = z.object({
  keyId: z.string().min(1),
  iv: z.string().min(1),
  tag: z.string().min(1),
  data: z.string(),
});
export type EncryptedBlob = z.infer<typeof EncryptedBlobSchema>;

/** GCM's full tag. A shorter one is accepted by OpenSSL unless told otherwise, and is forgeable far sooner. */
const AUTH_TAG_BYTES = 16;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/**
 * The TOKEN_ENCRYPTION_KEY secret holds one or more keys: `id:base64key[,id:base64key…]`. The
 * first encrypts; every listed key decrypts, so rotating means prepending a new key and keeping
 * the old one until every credential has been rewritten.
 */
export class Keyring {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  constructor(secretValue: string) {
    const entries = secretValue
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part.length > 0)
      .map((part) => {
        const separator = part.indexOf(":");
        if (separator <= 0) throw new KeyringError("TOKEN_ENCRYPTION_KEY entries must look like id:base64key");
        const key = Buffer.from(part.slice(separator + 1), "base64");
        if (key.length !== 32) throw new KeyringError("each TOKEN_ENCRYPTION_KEY key must be 32 bytes, base64-encoded");
        return [part.slice(0, separator), key] as const;
      });
    if (entries.length === 0) throw new KeyringError("TOKEN_ENCRYPTION_KEY is not set");
    this.keys = new Map(entries);
    this.currentId = entries[0]![0];
  }

  /** `context` is bound in as associated data, so a ciphertext copied to another document will not decrypt. */
  encrypt(plaintext: string, context: string): EncryptedBlob {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentId)!, iv, { authTagLength: AUTH_TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return { keyId: this.currentId, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
  }

  decrypt(blob: EncryptedBlob, context: string): string {
    const key = this.keys.get(blob.keyId);
    if (!key) throw new KeyringError(`no key "${blob.keyId}" in TOKEN_ENCRYPTION_KEY: it was rotated out too early`);
    const tag = Buffer.from(blob.tag, "base64");
    // Checked here as well as by authTagLength: a truncated tag is refused with our message, before any decryption.
    if (tag.length !== AUTH_TAG_BYTES) throw new KeyringError("a stored credential failed its integrity check");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(blob.iv, "base64"), { authTagLength: AUTH_TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(blob.data, "base64")), decipher.final()]).toString("utf8");
    } catch {
      throw new KeyringError("a stored credential failed its integrity check");
    }
  }

  needsReencryption(blob: EncryptedBlob): boolean {
    return blob.keyId !== this.currentId;
  }
}
