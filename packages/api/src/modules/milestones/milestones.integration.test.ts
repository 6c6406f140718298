import { randomUUID } from "node:crypto";
import type { TCreateMilestoneInput } from "@kreisnetz/shared/schemas/meetings";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, eventsOf, expectUnchanged, projectCast, projectKey, snapshot } from "../../../test/projects.ts";
import { berlinToday } from "../tasks/rules.ts";
import { addDays } from "./rules.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

function stateOf(project: { states: { id: string; group: string }[] }, group: string): string {
  return project.states.find((s) => s.group === group)!.id;
}

describe("milestones", () => {
  it("links tasks and derives the status from them, with milestone events", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const a = await caller.tasks.create({ projectId: project.id, title: "Konzept" });
    const b = await caller.tasks.create({ projectId: project.id, title: "Pilot" });
    const due = addDays(berlinToday(new Date()), 30);
    let list = await caller.milestones.create({
      projectId: project.id,
      title: "Pilot gestartet",
      dueDate: due,
      taskIds: [a.id, b.id, a.id],
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      title: "Pilot gestartet",
      dueDate: due,
      status: "OPEN",
      taskCount: 2,
      doneCount: 0,
    });
    expect(list[0]?.tasks.map((t) => t.key)).toEqual([a.key, b.key]);
    await caller.tasks.move({ id: a.id, version: a.version, stateId: stateOf(project, "DONE"), position: 1 });
    list = await caller.milestones.list({ projectId: project.id });
    expect(list[0]).toMatchObject({ status: "IN_PROGRESS", doneCount: 1 });
    await caller.tasks.move({ id: b.id, version: b.version, stateId: stateOf(project, "CANCELLED"), position: 1 });
    list = await caller.milestones.list({ projectId: project.id });
    expect(list[0]?.status).toBe("DONE");
    expect((await caller.tasks.get({ id: a.id })).milestones).toEqual([
      { id: list[0]!.id, title: "Pilot gestartet", dueDate: due },
    ]);
    list = await caller.milestones.update({ id: list[0]!.id, title: "Pilot läuft", taskIds: [b.id] });
    expect(list[0]).toMatchObject({ title: "Pilot läuft", taskCount: 1 });
    list = await caller.milestones.remove({ id: list[0]!.id });
    expect(list).toEqual([]);
    const verbs = (await eventsOf(h, project.id)).map((e) => e.verb);
    expect(verbs).toEqual(expect.arrayContaining(["milestone.created", "milestone.updated", "milestone.removed"]));
  });

  it("marks a passed milestone without all tasks done as late", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const task = await caller.tasks.create({ projectId: project.id, title: "Offen geblieben" });
    const list = await caller.milestones.create({
      projectId: project.id,
      title: "Frist",
      dueDate: "2026-01-02",
      taskIds: [task.id],
    });
    expect(list[0]?.status).toBe(berlinToday(new Date()) > "2026-01-02" ? "LATE" : "OPEN");
  });

  it("refuses tasks of another project, unknown tasks and dates before the project start, changing nothing", async () => {
    const project = await castProject(h, cast);
    const other = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const foreign = await caller.tasks.create({ projectId: other.id, title: "Fremd" });
    const before = await snapshot(h);
    const cases: [Partial<TCreateMilestoneInput>, string, string][] = [
      [{ taskIds: [foreign.id] }, "NOT_FOUND", "milestones.error.taskNotFound"],
      [{ taskIds: [randomUUID()] }, "NOT_FOUND", "milestones.error.taskNotFound"],
      [{ dueDate: "2025-12-31" }, "BAD_REQUEST", "milestones.error.beforeProjectStart"],
      [{ projectId: randomUUID() }, "NOT_FOUND", "errors.notFound"],
    ];
    for (const [override, code, message] of cases) {
      await expect(
        caller.milestones.create({ projectId: project.id, title: "Meilenstein", dueDate: "2026-06-01", ...override }),
      ).rejects.toMatchObject({ code, message });
    }
    await expect(caller.milestones.update({ id: randomUUID(), title: "Nichts" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expectUnchanged(h, before);
  });

  it("lets guests and outsiders read but not change; hides members-only projects from non-members", async () => {
    const open = await castProject(h, cast);
    const closed = await castProject(h, cast, { visibility: "MEMBERS" });
    const member = await cast.as(cast.member);
    const [openMs] = await member.milestones.create({ projectId: open.id, title: "Offen", dueDate: "2026-06-01" });
    const [closedMs] = await member.milestones.create({ projectId: closed.id, title: "Intern", dueDate: "2026-06-01" });
    for (const user of [cast.guest, cast.outsider]) {
      const caller = await cast.as(user);
      expect(await caller.milestones.list({ projectId: open.id })).toHaveLength(1);
      await expect(
        caller.milestones.create({ projectId: open.id, title: "Nein", dueDate: "2026-06-01" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.milestones.update({ id: openMs!.id, title: "Nein" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.milestones.remove({ id: openMs!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const user of [cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      await expect(caller.milestones.list({ projectId: closed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.milestones.update({ id: closedMs!.id, title: "Nein" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(caller.milestones.remove({ id: closedMs!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await (await cast.as(cast.guest)).milestones.list({ projectId: closed.id })).toHaveLength(1);
    await expect(h.anonymousCaller().milestones.list({ projectId: open.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("project templates", () => {
  it("prefills columns, milestones and tasks counted from the start date", async () => {
    const caller = await cast.as(cast.lead);
    const project = await caller.projects.create({
      key: projectKey(),
      title: "Neubau Grundschule",
      leadUnitId: cast.lead.unitId,
      startDate: "2026-04-01",
      templateKey: "BAUVORHABEN",
    });
    expect(project.states.map((s) => s.name)).toEqual(["Geplant", "In Bearbeitung", "Abgenommen", "Entfallen"]);
    const milestones = await caller.milestones.list({ projectId: project.id });
    expect(milestones.map((m) => [m.title, m.dueDate])).toEqual([
      ["Bauantrag eingereicht", "2026-05-16"],
      ["Baugenehmigung erteilt", "2026-07-30"],
      ["Bauabnahme", "2027-04-01"],
    ]);
    expect(milestones[0]?.taskCount).toBe(2);
    const tasks = await caller.tasks.list({ projectId: project.id, sort: "number" });
    expect(tasks.map((t) => t.key)).toEqual([1, 2, 3, 4, 5].map((n) => `${project.key}-${n}`));
    expect(tasks[0]).toMatchObject({ title: "Bedarfsplanung abstimmen", dueDate: "2026-04-22" });
    expect((await caller.projects.templates()).map((t) => t.key)).toEqual(["DIGITALISIERUNG", "BAUVORHABEN"]);
    const created = (await eventsOf(h, project.id)).filter((e) => e.verb === "task.created");
    expect(created).toHaveLength(5);
  });
});
