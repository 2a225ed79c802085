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

/** One override per room below the top: a relative import climbing out into a room above it is an error. */
function layerRules() {
  return LAYERS.slice(0, -1).flatMap((rooms, level) => {
    const above = LAYERS.slice(level + 1).flat();
    return rooms.map((room) => ({
      files: [`functions/src/${room}/**/*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(${above.join("|")})(/|$)`,
                message: `${room}/ sits below ${above.join(", ")}: import downwards only (docs/architecture.md, "Code layout").`,
              },
            ],
          },
        ],
      },
    }));
  });
}

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
