import { bindingCookie, bindingCookieName, clearedBindingCookie, cookiePlacement, readBindingCookie } from "../../../src/connections/browser-binding";
import { newSecret } from "../../../src/credentials/one-time-secret";

const STATE = "s".repeat(43);

describe("the browser-binding cookie", () => {
  it("is HttpOnly, SameSite=Lax, scoped to the callback's path, and Secure for an https callback", () => {
    const placement = cookiePlacement("https://us-central1-p.cloudfunctions.net/oauth/github/callback");
    expect(placement).toEqual({ path: "/oauth/github/callback", secure: true });
    expect(bindingCookie(STATE, "key", { ...placement, maxAgeSeconds: 599.7 })).toBe(`${bindingCookieName(STATE)}=key; Path=/oauth/github/callback; Max-Age=599; HttpOnly; SameSite=Lax; Secure`);
    expect(cookiePlacement("http://127.0.0.1:5001/demo/us-central1/oauth/github/callback").secure).toBe(false);
    expect(clearedBindingCookie(STATE, placement)).toContain("Max-Age=0");
  });

  it("is named after the state's hash, never the state itself, so two tabs' flows keep apart", () => {
    const name = bindingCookieName(STATE);
    expect(name).toMatch(/^tb_oauth_[A-Za-z0-9_-]{22}$/);
    expect(name).not.toContain(STATE.slice(0, 10));
    expect(bindingCookieName("t".repeat(43))).not.toBe(name);
  });

  it("is read back from a Cookie header among others, and only for its own state", () => {
    const key = newSecret();
    const header = `other=1; ${bindingCookieName(STATE)}=${key}; ${bindingCookieName("t".repeat(43))}=zzz`;
    expect(readBindingCookie(header, STATE)).toBe(key);
    expect(readBindingCookie("other=1", STATE)).toBeNull();
    expect(readBindingCookie(undefined, STATE)).toBeNull();
    expect(readBindingCookie(`${bindingCookieName(STATE)}=bad value!`, STATE)).toBeNull();
  });
});
