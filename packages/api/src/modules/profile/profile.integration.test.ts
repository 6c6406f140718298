import { currentTotp } from "@kreisnetz/auth/totp";
import { createUser } from "@kreisnetz/seeds/factories";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { completeSecondFactor, login, resolveSession } from "../auth/session.ts";

const h = setupHarness();

describe("login", () => {
  it("creates a session for the right password and refuses a wrong one", async () => {
    const user = await h.userWith(["STAFF"]);
    const result = await login(h.services, {
      email: user.email,
      password: user.password,
      ip: "10.0.0.1",
      userAgent: null,
    });
    expect(result.needsSecondFactor).toBe(false);
    expect((await resolveSession(h.services.db, result.token))?.actor.id).toBe(user.id);
    await expect(
      login(h.services, { email: user.email, password: "falsch-falsch-1", ip: "10.0.0.1", userAgent: null }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      messageKey: "login.failed",
    });
  });

  it("locks an account after five failures in the window, with a translated message", async () => {
    const user = await h.userWith(["STAFF"]);
    for (let i = 0; i < 5; i += 1) {
      await expect(
        login(h.services, { email: user.email, password: "nope-nope-nope", ip: `10.1.0.${i}`, userAgent: null }),
      ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(
      login(h.services, { email: user.email, password: user.password, ip: "10.1.0.9", userAgent: null }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      messageKey: "login.rateLimited",
    });
  });

  it("limits one IP across many accounts", async () => {
    for (let i = 0; i < 30; i += 1) {
      await login(h.services, { email: `nobody${i}@test.de`, password: "x", ip: "10.9.9.9", userAgent: null }).catch(
        () => undefined,
      );
    }
    const user = await h.userWith(["STAFF"]);
    await expect(
      login(h.services, { email: user.email, password: user.password, ip: "10.9.9.9", userAgent: null }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("refuses deactivated accounts", async () => {
    const unit = (await h.userWith(["STAFF"])).unitId;
    const user = await createUser(h.services.db, { unitId: unit, deactivated: true });
    await expect(
      login(h.services, { email: user.email, password: user.password, ip: "10.2.0.1", userAgent: null }),
    ).rejects.toMatchObject({ messageKey: "login.deactivated" });
  });

  it("asks admins for the second factor and accepts each TOTP code only once", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const first = await login(h.services, {
      email: admin.email,
      password: admin.password,
      ip: "10.3.0.1",
      userAgent: null,
    });
    expect(first.needsSecondFactor).toBe(true);
    expect((await resolveSession(h.services.db, first.token))?.session.secondFactorOk).toBe(false);
    const code = currentTotp(admin.totpSecretPlain!);
    await completeSecondFactor(h.services, { token: first.token, code, ip: "10.3.0.1" });
    expect((await resolveSession(h.services.db, first.token))?.session.secondFactorOk).toBe(true);

    const second = await login(h.services, {
      email: admin.email,
      password: admin.password,
      ip: "10.3.0.1",
      userAgent: null,
    });
    await expect(completeSecondFactor(h.services, { token: second.token, code, ip: "10.3.0.1" })).rejects.toMatchObject(
      { messageKey: "totp.invalid" },
    );
  });
});

describe("profile", () => {
  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    await expect(h.anonymousCaller().profile.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("changes the password, ends other sessions, and refuses a wrong current password", async () => {
    const user = await h.userWith(["STAFF"]);
    const other = await login(h.services, {
      email: user.email,
      password: user.password,
      ip: "10.4.0.1",
      userAgent: null,
    });
    const caller = await h.callerFor(user);
    await expect(
      caller.profile.changePassword({
        currentPassword: "wrong-wrong-1",
        newPassword: "ein-neues-Passwort-9",
        confirmPassword: "ein-neues-Passwort-9",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await caller.profile.changePassword({
      currentPassword: user.password,
      newPassword: "ein-neues-Passwort-9",
      confirmPassword: "ein-neues-Passwort-9",
    });
    expect(await resolveSession(h.services.db, other.token)).toBeNull();
    const again = await login(h.services, {
      email: user.email,
      password: "ein-neues-Passwort-9",
      ip: "10.4.0.2",
      userAgent: null,
    });
    expect(again.token).toBeTruthy();
  });

  it("enrols TOTP with a confirmation code and issues ten recovery codes that work once", async () => {
    const user = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(user);
    const { secret } = await caller.profile.startTotp();
    await expect(caller.profile.confirmTotp({ code: "000000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { recoveryCodes } = await caller.profile.confirmTotp({ code: currentTotp(secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect((await caller.profile.me()).totpEnabled).toBe(true);

    const pending = await login(h.services, {
      email: user.email,
      password: user.password,
      ip: "10.5.0.1",
      userAgent: null,
    });
    expect(pending.needsSecondFactor).toBe(true);
    await completeSecondFactor(h.services, {
      token: pending.token,
      code: recoveryCodes[0]!.toUpperCase(),
      ip: "10.5.0.1",
    });
    const reuse = await login(h.services, {
      email: user.email,
      password: user.password,
      ip: "10.5.0.1",
      userAgent: null,
    });
    await expect(
      completeSecondFactor(h.services, { token: reuse.token, code: recoveryCodes[0]!, ip: "10.5.0.1" }),
    ).rejects.toMatchObject({ messageKey: "totp.invalid" });
  });

  it("keeps admins without TOTP away from everything but their profile", async () => {
    const unit = (await h.userWith(["STAFF"])).unitId;
    const admin = await createUser(h.services.db, { unitId: unit, roles: ["STAFF", "ADMIN"] });
    const caller = await h.callerFor(admin);
    await expect(caller.home.overview()).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.totpRequired" });
    expect((await caller.profile.me()).totpRequired).toBe(true);
  });
});
