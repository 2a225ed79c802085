import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
