/**
 * Concurrent deliveries inside one instance (a deployment's `concurrency` above 1), which the
 * Functions emulator never shows: it hands each worker process one request at a time. So this
 * file runs the endpoint's handler in the test's own process, against the Firestore emulator,
 * and counts the credential reads (webhooks/target-reads.ts).
 */
import { randomUUID } from "node:crypto";
import * as credentialDocuments from "../../src/store/credentials";
import { encodeCredentials } from "../../src/credentials/credential-store";
import { refs } from "../../src/store/refs";
import { receiveWebhook, type WebhookAnswer } from "../../src/webhooks/receive";
import { localKeyring, localSecret, seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { octokitExample, octokitSign } from "@taskbridge/simulators";

const OLD_SECRET = "whsec-old-3c2b1a0f9e8d7c6b";
const NEW_SECRET = "whsec-new-7e6d5c4b3a2f1e0d";

/** A GitHub delivery to this process's handler, signed with `secret`. */
function deliver(integrationId: string, secret: string): Promise<WebhookAnswer> {
  const body = Buffer.from(JSON.stringify(octokitExample("issues", "edited")));
  const headers: Record<string, string> = {
    "x-github-event": "issues",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": octokitSign(secret, body.toString("utf8")),
  };
  return receiveWebhook({ method: "POST", path: `/github/${integrationId}`, header: (name) => headers[name.toLowerCase()], query: () => undefined, rawBody: body }, new Date());
}

describe("webhook targets read once per instance for deliveries that arrive together", () => {
  let orgId: string;
  let credentialReads: jest.SpyInstance;

  beforeAll(async () => {
    // The handler decrypts with the same key as the emulated functions.
    process.env.TOKEN_ENCRYPTION_KEY = localSecret("TOKEN_ENCRYPTION_KEY");
    orgId = await seedOrg("owner-target-reads");
  });

  beforeEach(() => {
    credentialReads = jest.spyOn(credentialDocuments, "readCredentialDocument");
  });

  afterEach(() => {
    credentialReads.mockRestore();
  });

  /** A new integration, so this process has nothing cached for it. */
  async function integration(): Promise<string> {
    const id = await seedIntegration({ orgId, provider: "github", baseUrl: "http://127.0.0.1:9", token: "t", webhookSecrets: [OLD_SECRET] });
    // The applier runs (in the emulated functions) after each accepted delivery; an empty selection keeps it from calling GitHub.
    await refs.integration(orgId, id).withConverter(null).update({ projectSelection: [] });
    return id;
  }

  it("accepts 20 signed deliveries that reach a cold instance at once after one read of the credential", async () => {
    const id = await integration();
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(id, OLD_SECRET)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(credentialReads).toHaveBeenCalledTimes(1);
  });

  it("refuses 20 forged deliveries that arrive at once after at most two reads: the first caller's, and one shared by everyone who came after it began", async () => {
    const id = await integration();
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(id, "not-the-secret")));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(401));
    expect(credentialReads).toHaveBeenCalledTimes(2);
  });

  it("accepts a delivery signed with a secret written after a read it could share had begun: a refusal waits for a read that began after the delivery", async () => {
    const id = await integration();
    // The first read of the credential sees the old secret, then is held until the new one is written.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let readDone!: () => void;
    const oldSecretRead = new Promise<void>((resolve) => {
      readDone = resolve;
    });
    credentialReads.mockImplementationOnce(async (integrationId: string) => {
      const snapshot = await refs.credentials(integrationId).get();
      readDone();
      await held;
      return snapshot;
    });
    const first = deliver(id, OLD_SECRET);
    // Only once that read has its answer: a write sent while it is in flight may land before it.
    await oldSecretRead;
    // Written straight to Firestore, as another instance's rotation would be (this process's cache is not told).
    await refs
      .credentials(id)
      .set(encodeCredentials(id, { orgId, provider: "github", authKind: "personal", accessToken: "t", refreshToken: null, accessTokenExpiresAt: null, webhookSecrets: [NEW_SECRET] }, localKeyring()));
    const second = deliver(id, NEW_SECRET);
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(credentialReads).toHaveBeenCalledTimes(2);
  });
});
