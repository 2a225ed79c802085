/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every run
 * and machine, so a simulator's generated dataset is reproducible from its seed alone.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Up to `max` distinct items, in the list's order. */
  some<T>(items: readonly T[], max: number): T[] {
    const count = this.int(0, Math.min(max, items.length));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((index) => items[index] as T);
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A v4-shaped UUID (Plane and Linear ids). */
  uuid(): string {
    const hex = this.hex(32).split("");
    hex[12] = "4";
    hex[16] = "89ab"[Math.floor(this.next() * 4)] as string;
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A numeric id of `digits` digits without a leading zero (Asana gids, ClickUp user ids). */
  digits(digits: number): string {
    let out = String(this.int(1, 9));
    while (out.length < digits) out += String(this.int(0, 9));
    return out;
  }
}

/** FNV-1a, so a string seed ("clickup") works as well as a number. */
function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
