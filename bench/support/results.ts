import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One row of the table: a measured value (null when it could not be produced) and its target. */
export interface Figure {
  scenario: string;
  what: string;
  value: number | null;
  unit: string;
  target: string;
  /** Where the value comes from, and anything that qualifies it. */
  source: string;
}

export const figures: Figure[] = [];

export function record(figure: Figure): void {
  figures.push(figure);
}

function show(value: number | null): string {
  if (value === null) return "not measured";
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });
}

export function renderTable(): string {
  const rows = figures.map((f) => [f.scenario, f.what, `${show(f.value)}${f.value === null ? "" : ` ${f.unit}`}`.trim(), f.target]);
  const header = ["scenario", "figure", "measured", "target"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function writeResults(environment: Record<string, unknown>): string {
  const file = join(__dirname, "..", "results.json");
  writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), environment, figures }, null, 2)}\n`);
  return file;
}
