/** One slice of a listing and where the next one starts (null when this slice reaches the end). */
export interface Slice<T> {
  items: T[];
  next: number | null;
}

/** Items [offset, offset + size), and the next offset when more remain. */
export function sliceAt<T>(items: readonly T[], offset: number, size: number): Slice<T> {
  const slice = items.slice(offset, offset + size);
  return { items: slice, next: offset + size < items.length ? offset + size : null };
}

/**
 * An opaque cursor (Asana's offset token, Linear's endCursor): base64url JSON, so clients cannot
 * rely on its contents and the simulator can check it was one of its own.
 */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** The cursor's contents, or null when it is not one `encodeCursor` made. */
export function decodeCursor(cursor: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
