/**
 * `unit` runs anywhere in-process; `emulator` needs `firebase emulators:exec` around it; `bench`
 * is `npm run bench` only (bench/run.mjs), never part of `npm test`, which selects the others
 * (`browser`, the console in Chromium, runs in the same emulators:exec as `emulator`).
 */
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/functions/tsconfig.json" }];
// The simulators' sources, not their compiled lib/ ("main", which only the built sandbox loads):
// a test always runs the simulator as it is in the tree, with no build step before it.
const moduleNameMapper = { "^@taskbridge/simulators$": "<rootDir>/packages/simulators/src/index.ts" };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      moduleNameMapper,
      testMatch: ["<rootDir>/functions/test/unit/**/*.test.ts", "<rootDir>/packages/client/test/**/*.test.ts"],
    },
    {
      displayName: "emulator",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      moduleNameMapper,
      testMatch: ["<rootDir>/functions/test/emulator/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/functions/test/emulator/setup.ts"],
    },
    {
      // The console in Chromium; runs inside the same emulators:exec as `emulator` (npm test).
      displayName: "browser",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/web/test/tsconfig.json" }] },
      moduleNameMapper,
      testMatch: ["<rootDir>/web/test/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/functions/test/emulator/setup.ts"],
    },
    {
      displayName: "bench",
      rootDir: __dirname,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": tsJest },
      moduleNameMapper,
      testMatch: ["<rootDir>/bench/**/*.bench.ts"],
    },
  ],
};
