import { describe, expect, it } from "vitest";

import { DEFAULT_URL_POLICY, isAllowedImageSrc, isAllowedLinkUrl } from "./urls.ts";

describe("isAllowedLinkUrl", () => {
  it.each([
    "https://www.lkspn.de",
    "http://example.org/a?b=c#d",
    "mailto:poststelle@lkspn.de",
    "/wissen/artikel-1",
    "/projekte/7?tab=aufgaben#t3",
    "https://example.org/straße",
  ])("allows %s", (url) => {
    expect(isAllowedLinkUrl(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "\u200bjavascript:alert(1)",
    "data:text/html,x",
    "vbscript:x",
    "tel:+49355",
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "https://user:pass@example.org",
    "https://example.org/a b",
    "wissen/relativ",
    "#anker",
    "",
    "x".repeat(3000),
  ])("refuses %j", (url) => {
    expect(isAllowedLinkUrl(url)).toBe(false);
  });

  it("refuses relative links when the policy says so", () => {
    expect(isAllowedLinkUrl("/wissen/1", { ...DEFAULT_URL_POLICY, allowRelativeLinks: false })).toBe(false);
  });
});

describe("isAllowedImageSrc", () => {
  it.each(["/uploads/a.png", "/uploads/2025/03/bild-1.webp", "https://cdn.example.org/a.png"])("allows %s", (src) => {
    expect(isAllowedImageSrc(src)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    "blob:https://example.org/1",
    "http://example.org/a.png",
    "//example.org/a.png",
    "/uploads/../etc/passwd",
    "/uploads/%2e%2e/x",
    "/uploads//x.png",
    "/uploads/",
    "/other/a.png",
    "/uploads/a.png?x=1",
    'https://example.org/a.png" onerror="alert(1)',
  ])("refuses %j", (src) => {
    expect(isAllowedImageSrc(src)).toBe(false);
  });

  it("restricts https hosts when configured", () => {
    const policy = { ...DEFAULT_URL_POLICY, imageHttpsHosts: ["bilder.lkspn.de"] };
    expect(isAllowedImageSrc("https://bilder.lkspn.de/a.png", policy)).toBe(true);
    expect(isAllowedImageSrc("https://evil.example/a.png", policy)).toBe(false);
  });
});
