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
        news: await db.newsPost.count(),
        events: await db.activityEvent.count(),
        projects: await db.project.count(),
        tasks: await db.task.count(),
        meetings: await db.meeting.count(),
      });
      const afterFirst = await counts();
      // 8 projects of the cooperation-index history (coop-demo.ts) + 3 worked demo projects (demo-projects.ts)
      expect(afterFirst).toMatchObject({
        units: ORG_UNITS.length,
        users: 150,
        memberships: 150,
        news: 7,
        projects: 11,
        tasks: 10,
        meetings: 3,
      });
      expect(await db.newsPost.count({ where: { kind: "STORY", status: "PUBLISHED" } })).toBe(2);
      expect(await seedDemo(db)).toMatchObject({ coopEvents: 0 });
      expect(await counts()).toEqual(afterFirst);

      const admins = await db.user.findMany({ where: { roles: { has: "ADMIN" } }, select: { email: true } });
      expect(admins.map((a) => a.email)).toContain("admin@demo.kreisnetz.de");
      const eakte = await db.project.findUniqueOrThrow({
        where: { key: "EAKTE" },
        select: {
          id: true,
          units: true,
          members: true,
          milestones: true,
          meetings: { select: { status: true, actionItems: true } },
        },
      });
      expect(eakte.units.length).toBeGreaterThanOrEqual(2);
      expect(eakte.milestones).toHaveLength(1);
      expect(eakte.meetings[0]?.status).toBe("APPROVED");
      expect(eakte.meetings[0]?.actionItems[0]?.taskId).not.toBeNull();
      // The worked demo projects write no activity: only the marked coop-index history does.
      expect(await db.activityEvent.count({ where: { projectId: eakte.id } })).toBe(0);
      const named = await db.orgUnit.findMany({ where: { isDemo: false }, select: { name: true } });
      const demoEvents = await db.activityEvent.count({ where: { payload: { path: ["demo"], equals: true } } });
      expect(demoEvents).toBe(first.coopEvents);
      expect(named.map((u) => u.name)).toEqual(
        expect.arrayContaining(["Pressestelle", "Kämmerei", "Rechtsamt", "FB Bauordnung"]),
      );
    } finally {
      await drop();
    }
  });
});
