/**
 * `unit` runs anywhere in-process; `emulator` needs `firebase emulators:exec` around it; `bench`
 * is `npm run bench` only (bench/run.mjs), never part of `npm test`, which selects the others
 * (`browser`, the console in Chromium, runs in the same emulators:exec as `emulator`).
 */
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/functions/tsconfig.json" }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      testMatch: ["<rootDir>/functions/test/unit/**/*.test.ts", "<rootDir>/packages/client/test/**/*.test.ts"],
    },
    {
      displayName: "emulator",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      testMatch: ["<rootDir>/functions/test/emulator/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/functions/test/emulator/setup.ts"],
    },
    {
      // The console in Chromium; runs inside the same emulators:exec as `emulator` (npm test).
      displayName: "browser",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/web/test/tsconfig.json" }] },
      testMatch: ["<rootDir>/web/test/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/functions/test/emulator/setup.ts"],
    },
    {
      displayName: "bench",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      testMatch: ["<rootDir>/bench/**/*.bench.ts"],
    },
  ],
};
