/** `lookup;dur=1.2, verify;dur=0.1` (a Server-Timing header) as { lookup: 1.2, verify: 0.1 }; {} when absent. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const dur = params.map((param) => /^\s*dur=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name && dur !== undefined) steps[name] = Number(dur);
  }
  return steps;
}
