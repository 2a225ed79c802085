import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Recorded webhook payloads from @octokit/webhooks-examples, the package GitHub's own tooling is
 * typed against. Loaded from node_modules rather than copied, so the fixtures are exactly theirs.
 */
interface ExampleSet {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

/** github.com's examples, or a GitHub Enterprise Server release's ("ghes-35"). */
function examplesOf(variant: string): ExampleSet[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`@octokit/webhooks-examples/${variant}/index.json`) as ExampleSet[];
}

/** The `index`-th example of `event` with `action` (several per action; none for action-less events like ping). */
export function octokitExample(event: string, action: string | undefined, index = 0, variant = "api.github.com"): Record<string, unknown> {
  const set = examplesOf(variant).find((entry) => entry.name === event);
  const matching = (set?.examples ?? []).filter((example) => example.action === action);
  const example = matching[index];
  if (!example) throw new Error(`no @octokit/webhooks-examples payload for ${event}.${action ?? ""}[${index}]`);
  // A deep copy, so a test that edits a payload cannot leak into another.
  return JSON.parse(JSON.stringify(example)) as Record<string, unknown>;
}

// The repository root (from src/github and lib/github alike), where node_modules holds the package.
const repoRoot = path.resolve(__dirname, "../../../..");

/**
 * `sign()` from @octokit/webhooks-methods, the independent signer: the package is ESM-only, so
 * it runs in a child Node process rather than through Jest's CommonJS loader.
 */
export function octokitSign(secret: string, payload: string): string {
  const script = [
    'import { sign } from "@octokit/webhooks-methods";',
    'let data = "";',
    "process.stdin.setEncoding('utf8');",
    "process.stdin.on('data', (chunk) => { data += chunk; });",
    "process.stdin.on('end', async () => { process.stdout.write(await sign(process.env.OCTOKIT_SECRET, data)); });",
  ].join("\n");
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: repoRoot,
    input: payload,
    env: { ...process.env, OCTOKIT_SECRET: secret },
    encoding: "utf8",
  });
}
