import { disconnectEveryIntegration } from "@taskbridge/emulator-support";

// Emulator tests wait for real triggers, queues and retries (Cloud Tasks backs off 10 s).
jest.setTimeout(120_000);

// Every file leaves nothing connected behind it, so no later file's reconcile() or queue pays for
// this file's integrations (packages/emulator-support/src/isolation.ts says why that matters).
afterAll(async () => {
  await disconnectEveryIntegration();
});
