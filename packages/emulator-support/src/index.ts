/*
 * @taskbridge/emulator-support: arranging state in the running emulators and waiting on it, for
 * the emulator tests, the browser tests and the bench (README.md). TypeScript source for ts-jest.
 */
export * from "./isolation";
export * from "./local-secrets";
export * from "./seed";
export * from "./sync-runs";
export * from "./wait-for";
