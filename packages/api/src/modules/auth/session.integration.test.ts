import { hashToken } from "@kreisnetz/auth/tokens";
import { readRows, Prisma } from "@kreisnetz/db/client";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { createSession, endSessions, logout, resolveSession } from "./session.ts";

const h = setupHarness();

describe("resolveSession", () => {
  it("returns the session and the person as procedures see them", async () => {
    const { db } = h.services;
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    await db.user.update({ where: { id: admin.id }, data: { locale: "dsb", mustChangePassword: true } });
    const token = await createSession(db, admin.id, { secondFactorOk: false, userAgent: "vitest" });

    const resolved = await resolveSession(db, token);

    const row = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
    expect(resolved).toEqual({
      session: { id: row.id, secondFactorOk: false, csrfToken: row.csrfToken },
      actor: {
        id: admin.id,
        email: admin.email,
        name: admin.name,
        unitId: admin.unitId,
        roles: ["STAFF", "ADMIN"],
        locale: "dsb",
        totpEnabled: true,
        mustChangePassword: true,
      },
    });
  });

  it("refuses missing, unknown, expired, ended and deactivated sessions", async () => {
    const { db } = h.services;
    const user = await h.userWith(["STAFF"]);
    expect(await resolveSession(db, undefined)).toBeNull();
    expect(await resolveSession(db, "no-such-token")).toBeNull();

    const expired = await createSession(db, user.id, { secondFactorOk: true, userAgent: null });
    expect(await resolveSession(db, expired)).not.toBeNull();
    await db.session.update({ where: { id: hashToken(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(db, expired)).toBeNull();

    const loggedOut = await createSession(db, user.id, { secondFactorOk: true, userAgent: null });
    await logout({ db }, loggedOut);
    expect(await resolveSession(db, loggedOut)).toBeNull();

    const ended = await createSession(db, user.id, { secondFactorOk: true, userAgent: null });
    await endSessions(h.services, db, user.id);
    expect(await resolveSession(db, ended)).toBeNull();

    const deactivated = await createSession(db, user.id, { secondFactorOk: true, userAgent: null });
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await resolveSession(db, deactivated)).toBeNull();
  });
});

describe("readRows", () => {
  it("gives the same rows on the pool and, inside a transaction, through $queryRaw", async () => {
    const { db } = h.services;
    const query = Prisma.sql`SELECT ${"a"}::text AS text, 2::int AS int, true AS bool, ARRAY['x']::text[] AS list,
      json_build_object('k', 1) AS json`;
    const expected = [{ text: "a", int: 2, bool: true, list: ["x"], json: { k: 1 } }];
    expect(await readRows(db, query)).toEqual(expected);
    expect(await db.$transaction((tx) => readRows(tx, query))).toEqual(expected);
  });
});
