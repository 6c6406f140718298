import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { cspNonce } from "./security.ts";

function nonce(): string {
  const res = { locals: {} as Record<string, unknown> } as Response;
  let called = false;
  cspNonce({} as Request, res, (() => (called = true)) as NextFunction);
  expect(called).toBe(true);
  return res.locals.cspNonce as string;
}

describe("cspNonce", () => {
  it("gives every response a different 128-bit nonce, also across refills of its random pool", () => {
    const nonces = Array.from({ length: 1000 }, nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const value of nonces) expect(Buffer.from(value, "base64")).toHaveLength(16);
  });
});
