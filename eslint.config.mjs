import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { noFirestoreWrites } from "./scripts/eslint/no-firestore-writes.mjs";

/*
 * The rooms of functions/src, bottom first (docs/architecture.md, "Code layout"). A room may import
 * its own room and any room below it, never one above: the entry points (api, webhooks, sync,
 * connections, maintenance) are the top and import each other only without a cycle, which
 * `npm run lint:cycles` (madge) checks, since an import rule cannot see cycles.
 */
const LAYERS = [
  ["domain"],
  ["config"],
  ["store"],
  ["http"],
  ["providers"],
  ["oauth"],
  ["credentials"],
  ["api", "webhooks", "sync", "connections", "maintenance"],
];

/** The workspace packages the tests, the bench and the sandbox use; the backend never imports them. */
const TEST_PACKAGES = {
  regex: "^@taskbridge/(simulators|emulator-support)(/|$)",
  message: "functions/src is the backend: the simulators and the emulator support are for tests, the bench and the sandbox.",
};

/** One override per room: a relative import climbing out into a room above it is an error, and so is a test package anywhere. */
function layerRules() {
  return LAYERS.flatMap((rooms, level) => {
    const above = LAYERS.slice(level + 1).flat();
    return rooms.map((room) => {
      const climbing = above.length
        ? [{ regex: `^(\\.\\./)+(${above.join("|")})(/|$)`, message: `${room}/ sits below ${above.join(", ")}: import downwards only (docs/architecture.md, "Code layout").` }]
        : [];
      return { files: [`functions/src/${room}/**/*.ts`], rules: { "no-restricted-imports": ["error", { patterns: [...climbing, TEST_PACKAGES] }] } };
    });
  });
}

/**
 * Test code is no one's library: outside functions/test nothing imports from it (what the sandbox,
 * the bench and the browser tests share with it lives in packages/simulators and
 * packages/emulator-support). The sandbox runs as plain Node, so it also cannot load
 * @taskbridge/emulator-support, which is TypeScript source for ts-jest.
 */
const NO_FUNCTIONS_TEST = {
  regex: "(^|/)functions/test(/|$)",
  message: "functions/test is the functions' tests, not a library: shared test code lives in packages/simulators or packages/emulator-support (docs/architecture.md).",
};
const outsideTestRules = [
  { files: ["bench/**/*.ts", "web/**/*.ts", "web/**/*.tsx", "packages/**/*.ts"], patterns: [NO_FUNCTIONS_TEST] },
  {
    files: ["sandbox/**/*.ts"],
    patterns: [NO_FUNCTIONS_TEST, { regex: "^@taskbridge/emulator-support(/|$)", message: "The sandbox runs as plain Node; @taskbridge/emulator-support is TypeScript source for ts-jest. The sandbox seeds through the real connect path." }],
  },
].map(({ files, patterns }) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } }));

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/lib/**", "web/dist/**", "**/test-results/**", ".cache/**", "bench/results.json"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  ...layerRules(),
  ...outsideTestRules,
  {
    // The simulators stand for the providers, not for taskbridge: they may name the functions'
    // types (ProviderId, Account, Clock), never run their code, so the package builds on its own.
    files: ["packages/simulators/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: "(^|/|-)functions/", allowTypeImports: true, message: "The simulators import the functions' types only (import type)." }] },
      ],
    },
  },
  {
    // Every Firestore write is the store's (docs/architecture.md, "Code layout"): outside
    // functions/src/store/ no write method of the Admin SDK may be called. The rule resolves calls
    // to their declarations, so it runs with type information, for these files only.
    files: ["functions/src/**/*.ts"],
    ignores: ["functions/src/store/**"],
    languageOptions: { parserOptions: { project: "./functions/tsconfig.build.json", tsconfigRootDir: import.meta.dirname } },
    plugins: { taskbridge: { rules: { "no-firestore-writes": noFirestoreWrites } } },
    rules: { "taskbridge/no-firestore-writes": "error" },
  },
  {
    // The sandbox is a command-line program: printing is its job.
    files: ["sandbox/**/*.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["scripts/**/*.mjs", "*.js", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly", URL: "readonly", Buffer: "readonly" } },
  },
  {
    // The bench's runner, its preloaded counter and its bare baseline function are plain Node
    // scripts; the last two are CommonJS because they load before (or without) any build.
    files: ["bench/**/*.mjs", "bench/**/*.cjs", "bench/**/*.js"],
    languageOptions: { globals: { process: "readonly", require: "readonly", exports: "writable", setTimeout: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
