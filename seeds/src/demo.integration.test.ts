import { createTestDatabase } from "@kreisnetz/db/test-db";
import { describe, expect, inject, it } from "vitest";
import { seedDemo } from "./demo.ts";
import { ORG_UNITS } from "./org-units.ts";

describe("seedDemo", () => {
  it("creates the organisation and 150 people once, and nothing more on a second run", async () => {
    const { db, drop } = await createTestDatabase(inject("pgAdminUrl"));
    try {
      const first = await seedDemo(db);
      expect(first).toMatchObject({ units: ORG_UNITS.length, users: 150 });
      expect(first.coopEvents).toBeGreaterThan(5000);
      const counts = async () => ({
        units: await db.orgUnit.count(),
        users: await db.user.count(),
        memberships: await db.unitMembership.count(),
        events: await db.activityEvent.count(),
        projects: await db.project.count(),
      });
      const afterFirst = await counts();
      expect(afterFirst).toMatchObject({ units: ORG_UNITS.length, users: 150, memberships: 150 });
      expect(await seedDemo(db)).toMatchObject({ coopEvents: 0 });
      expect(await counts()).toEqual(afterFirst);

      const admins = await db.user.findMany({ where: { roles: { has: "ADMIN" } }, select: { email: true } });
      expect(admins.map((a) => a.email)).toContain("admin@demo.kreisnetz.de");
      const named = await db.orgUnit.findMany({ where: { isDemo: false }, select: { name: true } });
      const demo = await db.activityEvent.findFirstOrThrow({ select: { payload: true } });
      expect(demo.payload).toEqual({ demo: true });
      expect(named.map((u) => u.name)).toEqual(
        expect.arrayContaining(["Pressestelle", "Kämmerei", "Rechtsamt", "FB Bauordnung"]),
      );
    } finally {
      await drop();
    }
  });
});
