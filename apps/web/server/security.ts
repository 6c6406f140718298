import { randomFillSync } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

const NONCE_BYTES = 16;
/** Random bytes for 256 nonces, refilled when used up; each slice is handed out once. */
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/**
 * A fresh nonce per response, used by the CSP and by Remix's inline scripts: 128 bits
 * from the CSPRNG. Drawn from a pool filled 256 nonces at a time, as Node does for
 * randomUUID(): one call into the CSPRNG per request was ≈ 1 % of a page's CPU.
 */
export function cspNonce(_req: Request, res: Response, next: NextFunction): void {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  res.locals.cspNonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  next();
}

/** Strict CSP in production; dev relaxes scripts for Vite's HMR client. */
export function securityHeaders(dev: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: dev
          ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
          : ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: dev ? ["'self'", "ws:", "wss:"] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: !dev,
  });
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF protection for cookie-authenticated mutations: besides SameSite=Lax cookies,
 * the request must come from our own origin (Origin, or Referer as fallback).
 */
export function sameOriginOnly(publicOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!UNSAFE.has(req.method)) return next();
    const source = req.get("origin") ?? refererOrigin(req.get("referer"));
    const allowed = new Set([`${req.protocol}://${req.get("host")}`, publicOrigin].filter(Boolean));
    if (source && allowed.has(source)) return next();
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Die Anfrage kam nicht von dieser Seite und wurde abgelehnt.");
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** Largest request body accepted anywhere (CSV import and uploads have their own, lower limits). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Refuses oversized bodies up front with a readable message instead of buffering them. */
export function limitBodySize(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = Number(req.get("content-length") ?? 0);
    if (length <= maxBytes) return next();
    res
      .status(413)
      .type("text/plain; charset=utf-8")
      .send(`Die Anfrage ist zu groß (höchstens ${Math.round(maxBytes / 1024 / 1024)} MB).`);
  };
}
