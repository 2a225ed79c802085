/**
 * The target of rel="next" in an RFC 8288 Link header (GitHub:
 * `<https://api.github.com/…&page=2>; rel="next", <…&page=9>; rel="last"`), resolved against
 * `baseUrl` when relative; null when there is no next link. Where it points is checked by the
 * client when it is requested (same origin as baseUrl or refused).
 * Throws MalformedLinkError when the next target is not a URL: stopping there would silently drop pages.
 */
export function nextLink(header: string, baseUrl: string): string | null {
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const [, target = "", params = ""] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (!rels.includes("next")) continue;
    if (!URL.canParse(target.trim(), baseUrl)) throw new MalformedLinkError();
    return new URL(target.trim(), baseUrl).href;
  }
  return null;
}

export class MalformedLinkError extends Error {
  constructor() {
    super("the Link header's rel=\"next\" target is not a URL");
    this.name = "MalformedLinkError";
  }
}
