/**
 * URL policy for rich text, shared by the browser editor (to refuse a bad link
 * before it is stored) and the server renderer (to drop one that got stored
 * anyway). Browser-safe: no Node APIs.
 */

export type UrlPolicy = {
  /** Allow root-relative links such as `/wissen/123` (internal pages). */
  allowRelativeLinks: boolean;
  /** Path prefixes a relative image `src` may start with. */
  imagePathPrefixes: readonly string[];
  /** Hosts an `https:` image may come from; `"any"` allows every https host. */
  imageHttpsHosts: readonly string[] | "any";
};

export const DEFAULT_URL_POLICY: UrlPolicy = {
  allowRelativeLinks: true,
  imagePathPrefixes: ["/uploads/"],
  imageHttpsHosts: "any",
};

export const MAX_URL_LENGTH = 2048;

const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);
// C0 controls, DEL, whitespace and the Unicode spaces/invisibles browsers strip or fold.
// eslint-disable-next-line no-control-regex
const SUSPICIOUS_CHARS = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;
const SAFE_PATH =
  /^\/(?!\/)[A-Za-z0-9._~%!$&'()*+,;=:@/-]*(?:\?[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?(?:#[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$/;
const SAFE_UPLOAD_PATH = /^[A-Za-z0-9._~%/-]+$/;

function parseAbsolute(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a root-relative path that cannot be read as another origin or scheme. */
function isSafeRelativePath(url: string): boolean {
  if (!SAFE_PATH.test(url)) return false;
  // `/\evil.example` and percent-encoded tricks that browsers normalise to `//`.
  return !/%2f%2f|%5c|\\/i.test(url);
}

/**
 * Whether `url` may be the `href` of a link: http, https and mailto, plus
 * root-relative paths when the policy allows them. Anything with control
 * characters, whitespace or an unknown scheme is refused, not repaired.
 */
export function isAllowedLinkUrl(url: unknown, policy: UrlPolicy = DEFAULT_URL_POLICY): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (SUSPICIOUS_CHARS.test(url)) return false;
  if (url.startsWith("/")) return policy.allowRelativeLinks && isSafeRelativePath(url);
  const parsed = parseAbsolute(url);
  if (!parsed || !LINK_SCHEMES.has(parsed.protocol)) return false;
  // The scheme must be spelled plainly at the start (no `HTTPS:` tricks are harmful,
  // but entity- or escape-obfuscated schemes never parse to an allowed one).
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return false;
  if (parsed.protocol !== "mailto:" && (parsed.username || parsed.password)) return false;
  return true;
}

/**
 * Whether `src` may be an image source: a path under one of the upload
 * prefixes, or https from an allowed host. Never data:, blob:, javascript:.
 */
export function isAllowedImageSrc(src: unknown, policy: UrlPolicy = DEFAULT_URL_POLICY): src is string {
  if (typeof src !== "string" || src.length === 0 || src.length > MAX_URL_LENGTH) return false;
  if (SUSPICIOUS_CHARS.test(src)) return false;
  if (src.startsWith("/")) {
    return policy.imagePathPrefixes.some(
      (prefix) =>
        src.startsWith(prefix) &&
        src.length > prefix.length &&
        SAFE_UPLOAD_PATH.test(src) &&
        !src.includes("..") &&
        !src.includes("//") &&
        !/%2e|%2f|%5c/i.test(src),
    );
  }
  if (!/^https:\/\//i.test(src)) return false;
  const parsed = parseAbsolute(src);
  if (!parsed || parsed.protocol !== "https:" || parsed.username || parsed.password) return false;
  return policy.imageHttpsHosts === "any" || policy.imageHttpsHosts.includes(parsed.hostname);
}
