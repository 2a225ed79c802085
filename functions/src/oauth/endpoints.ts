import type { Provider } from "../providers/provider";
import { oauthBaseUrlOverride } from "../config/oauth";

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string | null;
}

/** The provider's OAuth URLs, moved under OAUTH_BASE_URL_OVERRIDE when that is set (see params.ts). */
export function oauthEndpoints(provider: Provider): OAuthEndpoints {
  const override = oauthBaseUrlOverride();
  const place = (url: string): string => {
    if (!override) return url;
    const parsed = new URL(url);
    return `${override}/${provider.id}${parsed.pathname}${parsed.search}`;
  };
  const { authorizeUrl, tokenUrl, revokeUrl } = provider.oauth;
  return { authorizeUrl: place(authorizeUrl), tokenUrl: place(tokenUrl), revokeUrl: revokeUrl ? place(revokeUrl) : null };
}
