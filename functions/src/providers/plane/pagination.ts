import { z } from "zod";
import type { HttpClient } from "../../http/client";
import { checkpoint, contextOf, missingCursor, paginate } from "../../http/paginate";
import type { HttpRequest, Page } from "../../http/types";

// Plane's own cursor pagination, on the shared loop of http/paginate.ts: no other provider pages this way.

/**
 * Plane's page size, always sent: its maximum. makeplane/plane apps/api/plane/utils/paginator.py
 * (`BasePaginator.get_per_page`, default and max_per_page 1000, `MAX_LIMIT = 1000`) answers 400
 * "Invalid per_page value. Cannot exceed 1000." above it. The cursor's offset depends on it.
 */
export const PLANE_PER_PAGE = 1000;
export const PLANE_FIRST_CURSOR = `${PLANE_PER_PAGE}:0:0`;

/**
 * A cursor saved under another page size (a pass checkpointed before the page size changed) is
 * moved onto this one: Plane's paginator takes the offset as page x per_page of the request, so
 * resuming "100:3:0" with per_page=1000 would start at item 3000 and skip 2700. The rebased page
 * starts at or before the saved offset: a few items are read twice (upserts are idempotent),
 * none is skipped. Any other shape is Plane's own and resumed as given.
 */
export function rebasePlaneCursor(cursor: string): string {
  const parts = /^(\d+):(\d+):0$/.exec(cursor);
  if (parts === null || Number(parts[1]) === PLANE_PER_PAGE) return cursor;
  const offset = Number(parts[1]) * Number(parts[2]);
  return `${PLANE_PER_PAGE}:${Math.floor(offset / PLANE_PER_PAGE)}:0`;
}

/** The fields of a Plane list response that drive pagination; a list schema extends it with `results`. */
export const planeCursorEnvelope = z.object({
  next_cursor: z.string().nullish(),
  next_page_results: z.boolean(),
});

/**
 * Plane: `cursor` is "per_page:page:is_prev", `per_page=PLANE_PER_PAGE` goes with every request
 * (so the cursor chain stays consistent), and the next cursor counts only when
 * `next_page_results` is true. `fields`, `expand` and any other query parameters pass through
 * untouched.
 */
export function planeCursorPages<S extends z.ZodType<z.infer<typeof planeCursorEnvelope>>>(
  client: HttpClient,
  req: HttpRequest<S>,
  start: string | null,
): AsyncGenerator<Page<z.infer<S>>> {
  const context = contextOf(client, req);
  // Plane's own next_cursor is resumed as given: its format is Plane's, not ours to police.
  const first = start === null ? PLANE_FIRST_CURSOR : rebasePlaneCursor(checkpoint(start, /\S/, "a Plane cursor"));
  return paginate(
    first,
    async (cursor) => {
      const res = await client.request({ ...req, query: { ...req.query, per_page: PLANE_PER_PAGE, cursor: cursor ?? first } });
      const envelope = planeCursorEnvelope.parse(res.data);
      if (!envelope.next_page_results) return { data: res.data, next: null };
      if (!envelope.next_cursor) throw missingCursor(context, "next_page_results is true but next_cursor is empty");
      return { data: res.data, next: envelope.next_cursor };
    },
    context,
  );
}

