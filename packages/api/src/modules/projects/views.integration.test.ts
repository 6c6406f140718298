import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, projectCast } from "../../../test/projects.ts";
import { addDays } from "../milestones/rules.ts";
import { berlinToday } from "../tasks/rules.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

function stateOf(project: { states: { id: string; group: string }[] }, group: string): string {
  return project.states.find((s) => s.group === group)!.id;
}

async function projectWithTasks(visibility: "ALL_STAFF" | "MEMBERS" = "ALL_STAFF") {
  const project = await castProject(h, cast, { visibility });
  const caller = await cast.as(cast.member);
  const today = berlinToday(new Date());
  const late = await caller.tasks.create({
    projectId: project.id,
    title: "Überfällig",
    dueDate: addDays(today, -3),
    assigneeIds: [cast.member.id],
    labels: ["E-Akte"],
    priority: "HIGH",
  });
  const soon = await caller.tasks.create({ projectId: project.id, title: "Bald fällig", dueDate: addDays(today, 5) });
  const later = await caller.tasks.create({
    projectId: project.id,
    title: "Alpha später",
    dueDate: addDays(today, 40),
  });
  const done = await caller.tasks.create({ projectId: project.id, title: "Fertig", dueDate: addDays(today, -10) });
  await caller.tasks.move({ id: done.id, version: 1, stateId: stateOf(project, "DONE"), position: 1 });
  const cancelled = await caller.tasks.create({ projectId: project.id, title: "Verworfen" });
  await caller.tasks.move({ id: cancelled.id, version: 1, stateId: stateOf(project, "CANCELLED"), position: 1 });
  return { project, caller, today, late, soon, later, done };
}

describe("projects.overview", () => {
  it("reports progress without cancelled tasks, overdue count and the next deadlines", async () => {
    const { project, caller, late, soon, today } = await projectWithTasks();
    await caller.milestones.create({ projectId: project.id, title: "Zwischenstand", dueDate: addDays(today, 7) });
    const overview = await caller.projects.overview({ id: project.id });
    expect(overview.progress).toEqual({ total: 5, open: 3, inProgress: 0, done: 1, cancelled: 1, share: 0.25 });
    expect(overview.overdueCount).toBe(1);
    expect(overview.upcoming.map((t) => [t.id, t.overdue])).toEqual([
      [late.id, true],
      [soon.id, false],
    ]);
    expect(overview.milestones[0]).toMatchObject({ title: "Zwischenstand", status: "OPEN" });
  });

  it("is NOT_FOUND for non-members of members-only projects and unknown ids", async () => {
    const { project } = await projectWithTasks("MEMBERS");
    for (const user of [cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      await expect(caller.projects.overview({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.tasks.list({ projectId: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect((await cast.as(cast.member)).projects.overview({ id: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await (await cast.as(cast.guest)).projects.overview({ id: project.id })).progress.total).toBe(5);
  });
});

describe("tasks.list", () => {
  it("filters by group, assignee, label and overdue, and sorts", async () => {
    const { project, caller, late, soon, later, done } = await projectWithTasks();
    const byDue = await caller.tasks.list({ projectId: project.id });
    expect(byDue.slice(0, 4).map((t) => t.id)).toEqual([done.id, late.id, soon.id, later.id]);
    expect((await caller.tasks.list({ projectId: project.id, group: "DONE" })).map((t) => t.id)).toEqual([done.id]);
    expect((await caller.tasks.list({ projectId: project.id, assigneeId: cast.member.id })).map((t) => t.id)).toEqual([
      late.id,
    ]);
    expect((await caller.tasks.list({ projectId: project.id, label: "E-Akte" })).map((t) => t.id)).toEqual([late.id]);
    const overdue = await caller.tasks.list({ projectId: project.id, overdue: true });
    expect(overdue.map((t) => [t.id, t.overdue])).toEqual([[late.id, true]]);
    const byTitle = await caller.tasks.list({ projectId: project.id, sort: "title" });
    expect(byTitle[0]?.title).toBe("Alpha später");
    expect((await caller.tasks.list({ projectId: project.id, sort: "priority" }))[0]?.id).toBe(late.id);
    expect(byDue.find((t) => t.id === late.id)?.assignees).toEqual([{ id: cast.member.id, name: cast.member.name }]);
  });

  it("refuses an unknown sort or group with BAD_REQUEST", async () => {
    const { project, caller } = await projectWithTasks();
    await expect(caller.tasks.list({ projectId: project.id, sort: "random" as "due" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.tasks.list({ projectId: project.id, group: "NOPE" as "OPEN" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("tasks.calendar", () => {
  it("shows a month of deadlines, milestones and meetings of the caller's projects only", async () => {
    const { project, caller, late, today } = await projectWithTasks("MEMBERS");
    const month = late.dueDate!.slice(0, 7);
    await caller.milestones.create({ projectId: project.id, title: "Meilenstein im Monat", dueDate: late.dueDate! });
    await caller.meetings.create({
      projectId: project.id,
      title: "Sitzung im Monat",
      startsAt: `${late.dueDate}T23:30`,
    });
    const calendar = await caller.tasks.calendar({ month });
    expect(calendar.month).toBe(month);
    expect(calendar.today).toBe(today);
    expect(calendar.weeks.flat()).toContain(late.dueDate);
    const onDay = calendar.items.filter((i) => i.date === late.dueDate && i.projectId === project.id);
    expect(onDay.map((i) => i.kind).sort()).toEqual(["MEETING", "MILESTONE", "TASK"]);
    expect(onDay.find((i) => i.kind === "TASK")).toMatchObject({ id: late.id, overdue: true, key: late.key });
    expect(onDay.find((i) => i.kind === "MEETING")?.time).toBe("23:30");
    expect(calendar.items.some((i) => i.title === "Verworfen")).toBe(false);
    for (const user of [cast.outsider, cast.admin]) {
      const other = await (await cast.as(user)).tasks.calendar({ month });
      expect(other.items.filter((i) => i.projectId === project.id)).toEqual([]);
    }
    await expect(caller.tasks.calendar({ month: "2026-13" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
