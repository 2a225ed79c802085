import { z } from "zod";
import { ValidationError } from "../domain/validation-error";
import type { HttpClient } from "./client";
import { InvalidResponseError } from "./errors";
import { graphqlRequest, type GraphqlRequest } from "./graphql";
import { MalformedLinkError, nextLink } from "./link-header";
import type { HttpRequest, Page } from "./types";

/**
 * Pagination as async iterators of `Page<T>`: each page carries `next`, the opaque string a
 * provider stores as its checkpoint and passes back as `start` to resume exactly there. The
 * styles here are named by how they page; one only a single provider uses (Plane's cursors)
 * lives with that provider, on `paginate` and the helpers exported below.
 */

/** Names the listing in the repeated-cursor error. */
export interface PaginationContext {
  provider: string;
  operation: string;
}

/**
 * The one pagination loop: fetches from `start` (null = the first page) until a page has no
 * `next`. A cursor seen before means the provider would send us round forever, so it is an error,
 * raised before the page that points back is yielded (its checkpoint would restart the loop).
 */
export async function* paginate<T>(
  start: string | null,
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  context: PaginationContext = { provider: "http", operation: "pagination" },
): AsyncGenerator<Page<T>> {
  const seen = new Set<string>();
  if (start !== null) seen.add(start);
  let cursor = start;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page.next !== null) {
      if (seen.has(page.next)) {
        throw new InvalidResponseError({
          ...context,
          status: null,
          providerMessage: `the pagination cursor repeated after ${seen.size} page(s)`,
        });
      }
      seen.add(page.next);
    }
    yield page;
    if (page.next === null) return;
    cursor = page.next;
  }
}

/**
 * Link headers (GitHub): the next page is the absolute URL in the Link header's rel="next", and `start` (when
 * resuming) is such a URL. It already carries the query, so `req.query` is sent on the first page only.
 */
export function linkHeaderPages<S extends z.ZodType>(
  client: HttpClient,
  req: HttpRequest<S>,
  start: string | null,
): AsyncGenerator<Page<z.infer<S>>> {
  const context = contextOf(client, req);
  return paginate(
    start,
    async (cursor) => {
      const res = await client.request(cursor === null ? req : { ...req, path: cursor, query: undefined });
      const link = res.headers["link"];
      try {
        return { data: res.data, next: link === undefined ? null : nextLink(link, client.baseUrl) };
      } catch (error) {
        if (error instanceof MalformedLinkError) throw missingCursor(context, error.message);
        throw error;
      }
    },
    context,
  );
}

export interface PageNumberOptions<T> {
  start: string | null;
  /**
   * Whether this page was the last (ClickUp's `last_page: true`). Count an empty page as the last
   * too: a provider that never says last_page would otherwise be paged for ever.
   */
  isLastPage(data: T): boolean;
  /** The first page's number. Default 0 (ClickUp counts from 0). */
  firstPage?: number;
}

/** Page numbers (ClickUp): query `page` counts up until `isLastPage`; `next` is the next page's number. */
export function pageNumberPages<S extends z.ZodType>(
  client: HttpClient,
  req: HttpRequest<S>,
  options: PageNumberOptions<z.infer<S>>,
): AsyncGenerator<Page<z.infer<S>>> {
  const first = options.start === null ? String(options.firstPage ?? 0) : checkpoint(options.start, /^\d+$/, "a page number");
  return paginate(
    first,
    async (cursor) => {
      const page = Number(cursor ?? first);
      const res = await client.request({ ...req, query: { ...req.query, page } });
      return { data: res.data, next: options.isLastPage(res.data) ? null : String(page + 1) };
    },
    contextOf(client, req),
  );
}

/** The pagination fields of a list answered with an offset token (Asana's `next_page.offset`). */
export const offsetTokenEnvelope = z.object({
  next_page: z.object({ offset: z.string() }).nullish(),
});

/** Offset tokens (Asana): `limit=100`, and the opaque `offset` token of the previous page's `next_page` when resuming. */
export function offsetTokenPages<S extends z.ZodType<z.infer<typeof offsetTokenEnvelope>>>(
  client: HttpClient,
  req: HttpRequest<S>,
  start: string | null,
): AsyncGenerator<Page<z.infer<S>>> {
  return paginate(
    start,
    async (cursor) => {
      const res = await client.request({ ...req, query: { ...req.query, limit: 100, offset: cursor } });
      return { data: res.data, next: offsetTokenEnvelope.parse(res.data).next_page?.offset ?? null };
    },
    contextOf(client, req),
  );
}

export interface GraphqlPagesRequest<S extends z.ZodType> extends GraphqlRequest<S> {
  /** Where this query's connection keeps its Relay pageInfo. */
  pageInfo(data: z.infer<S>): { hasNextPage: boolean; endCursor: string | null };
}

/** Relay cursors over GraphQL (Linear): `after` goes into the variables (null on the first page). */
export function graphqlPages<S extends z.ZodType>(
  client: HttpClient,
  req: GraphqlPagesRequest<S>,
  start: string | null,
): AsyncGenerator<Page<z.infer<S>>> {
  const context = { provider: client.provider, operation: client.operationOf("POST", req.path, req.operation) };
  return paginate(
    start,
    async (cursor) => {
      const data = await graphqlRequest(client, { ...req, variables: { ...req.variables, after: cursor } });
      const info = req.pageInfo(data);
      if (!info.hasNextPage) return { data, next: null };
      if (!info.endCursor) throw missingCursor(context, "hasNextPage is true but endCursor is empty");
      return { data, next: info.endCursor };
    },
    context,
  );
}

/** What a pagination error names: the provider and the listing. */
export function contextOf<S extends z.ZodType>(client: HttpClient, req: HttpRequest<S>): PaginationContext {
  return { provider: client.provider, operation: client.operationOf(req.method, req.path, req.operation) };
}

/** A checkpoint we stored ourselves that does not have the shape this paginator writes is a bug, not a provider answer. */
export function checkpoint(value: string, shape: RegExp, what: string): string {
  if (!shape.test(value)) throw new ValidationError("pagination checkpoint", [{ field: "start", message: `is not ${what}` }]);
  return value;
}

/** More pages promised with nowhere to continue from: stopping would silently drop the rest. */
export function missingCursor(context: PaginationContext, message: string): InvalidResponseError {
  return new InvalidResponseError({ ...context, status: null, providerMessage: message });
}
