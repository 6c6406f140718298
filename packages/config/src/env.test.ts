import { describe, expect, it } from "vitest";
import { parsePlatformEnv } from "./env.ts";

describe("parsePlatformEnv", () => {
  it("defaults to the embedded platform on port 3000", () => {
    const env = parsePlatformEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DATA_DIR).toMatch(/\.data$/);
  });

  it("lists every bad variable in one readable message", () => {
    expect(() => parsePlatformEnv({ PORT: "70000", DATABASE_URL: "not a url", SESSION_SECRET: "short" })).toThrowError(
      /Invalid configuration:\n {2}- PORT: .*\n {2}- DATABASE_URL: .*\n {2}- SESSION_SECRET: SESSION_SECRET needs at least 32 characters/,
    );
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parsePlatformEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("makes SMTP optional and checks its scheme", () => {
    expect(parsePlatformEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parsePlatformEnv({ SMTP_URL: "smtp://mail.kreis.local:587" }).SMTP_URL).toBe("smtp://mail.kreis.local:587");
    expect(parsePlatformEnv({}).MAIL_FROM).toContain("@");
    expect(() => parsePlatformEnv({ SMTP_URL: "http://mail" })).toThrowError(/SMTP_URL must start with smtp/);
  });
});
