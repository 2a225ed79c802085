/**
 * Key rotation re-encrypts (issue 17.3): a credential written under k1 and read after rotating to
 * `k2,k1` is stored under k2, so k1 can be retired; and the rewrite never races a refresh or a
 * reconnect that stored new tokens meanwhile. Runs loadCredentials, the function every session
 * and webhook uses, against the emulator's Firestore with keyrings of the test's own keys.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { refs } from "../../src/store/refs";
import { reencryptIfRotated } from "../../src/credentials/credential-rotation";
import { decodeCredentials, loadCredentials, saveCredentials, type Credentials } from "../../src/credentials/credential-store";
import { Keyring, KeyringError } from "../../src/credentials/keyring";

const k1 = `k1:${randomBytes(32).toString("base64")}`;
const k2 = `k2:${randomBytes(32).toString("base64")}`;
const beforeRotation = new Keyring(k1);
const rotated = new Keyring(`${k2},${k1}`);

function credentials(accessToken: string): Credentials {
  return {
    orgId: "org-rotation",
    provider: "github",
    authKind: "oauth",
    accessToken,
    refreshToken: `refresh-${accessToken}`,
    accessTokenExpiresAt: null,
    webhookSecrets: ["whsec-rotation"],
    webhooks: [{ id: "hook-1", scope: "acme/repo", secret: "hook-secret" }],
  };
}

const raw = async (integrationId: string) => (await refs.credentials(integrationId).get()).data();

describe("key rotation", () => {
  it("re-encrypts a credential under the new primary key when it is read, after which only the new key decrypts it", async () => {
    const integrationId = `int-${randomUUID().slice(0, 12)}`;
    await saveCredentials(integrationId, credentials("token-a"), beforeRotation);
    expect((await raw(integrationId))!.secrets.keyId).toBe("k1");

    const read = await loadCredentials(integrationId, rotated);
    expect(read).toMatchObject({ accessToken: "token-a", refreshToken: "refresh-token-a", webhookSecrets: ["whsec-rotation"] });

    const stored = await raw(integrationId);
    expect(stored!.secrets.keyId).toBe("k2");
    // Everything encrypted in the document (tokens, webhook secrets) moved with it.
    expect(decodeCredentials(integrationId, stored, new Keyring(k2))).toMatchObject({
      accessToken: "token-a",
      webhookSecrets: ["whsec-rotation"],
      webhooks: [{ id: "hook-1", scope: "acme/repo", secret: "hook-secret" }],
    });
    expect(() => decodeCredentials(integrationId, stored, new Keyring(k1))).toThrow(KeyringError);
  });

  it("leaves a credential that a refresh rewrote after it was read: the new tokens stay", async () => {
    const integrationId = `int-${randomUUID().slice(0, 12)}`;
    await saveCredentials(integrationId, credentials("token-old"), beforeRotation);
    const readBeforeRefresh = await refs.credentials(integrationId).get();
    // A refresh in another instance stores new tokens (under the primary key) in between.
    await saveCredentials(integrationId, credentials("token-new"), rotated);

    expect(await reencryptIfRotated(integrationId, readBeforeRefresh, rotated)).toBe(false);
    expect(decodeCredentials(integrationId, await raw(integrationId), new Keyring(k2))).toMatchObject({ accessToken: "token-new" });
  });
});
