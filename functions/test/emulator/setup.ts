// Emulator tests wait for real triggers, queues and retries (Cloud Tasks backs off 10 s).
jest.setTimeout(120_000);
