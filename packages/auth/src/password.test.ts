import { describe, expect, it } from "vitest";
import { hashGeneratedSecret, hashPassword, verifyPassword } from "./password.server.ts";
import { currentTotp, generateTotpSecret, verifyTotp } from "./totp.server.ts";
import {
  decryptSecret,
  encryptSecret,
  generateInitialPassword,
  generateRecoveryCodes,
  hashRecoveryCode,
  normaliseRecoveryCode,
} from "./tokens.server.ts";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("korrekt Pferd Batterie");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "korrekt Pferd Batterie")).toBe(true);
    expect(await verifyPassword(hash, "korrekt Pferd batterie")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("generates readable, distinct initial passwords that verify under the light profile", async () => {
    const passwords = Array.from({ length: 200 }, () => generateInitialPassword());
    for (const p of passwords) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(passwords).size).toBe(passwords.length);
    const hash = await hashGeneratedSecret(passwords[0]!);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
    expect(await verifyPassword(hash, passwords[0]!)).toBe(true);
    expect(await verifyPassword(hash, passwords[1]!)).toBe(false);
  });
});

describe("TOTP", () => {
  it("accepts the current code and one step of drift, refuses others", () => {
    const secret = generateTotpSecret();
    const now = Date.now();
    expect(verifyTotp(secret, currentTotp(secret, now), now)).not.toBeNull();
    expect(verifyTotp(secret, currentTotp(secret, now - 30_000), now)).not.toBeNull();
    expect(verifyTotp(secret, currentTotp(secret, now - 120_000), now)).toBeNull();
    expect(verifyTotp(secret, "12345", now)).toBeNull();
  });
});

describe("secrets and recovery codes", () => {
  it("round-trips an encrypted secret and refuses another key", () => {
    const sealed = encryptSecret("a".repeat(32), "JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret("a".repeat(32), sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => decryptSecret("b".repeat(32), sealed)).toThrow();
  });

  it("normalises recovery codes so typing variants match", () => {
    const [code] = generateRecoveryCodes(1);
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normaliseRecoveryCode(code!.toUpperCase().replaceAll("-", " "))).toBe(code);
    expect(hashRecoveryCode("s", code!.toUpperCase())).toBe(hashRecoveryCode("s", code!));
  });
});
