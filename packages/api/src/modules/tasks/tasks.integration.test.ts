import { randomUUID } from "node:crypto";
import { createUnit } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, eventsOf, expectUnchanged, failure, projectCast, snapshot } from "../../../test/projects.ts";
import { createContext } from "../../context.ts";
import { describeError } from "../../errors.ts";
import { createCaller } from "../../router.ts";
import { createSession, resolveSession } from "../auth/session.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

function stateOf(project: { states: { id: string; group: string }[] }, group: string): string {
  return project.states.find((s) => s.group === group)!.id;
}

describe("tasks.create and tasks.get", () => {
  it("numbers tasks per project, assigns members, and writes task.created and task.assigned", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const unit = await createUnit(h.services.db);
    const first = await caller.tasks.create({ projectId: project.id, title: "Anforderungen sammeln" });
    const second = await caller.tasks.create({
      projectId: project.id,
      title: "Schnittstelle klären",
      priority: "HIGH",
      assigneeIds: [cast.member.id, cast.lead.id, cast.member.id],
      responsibleUnitId: unit.id,
      startDate: "2026-03-01",
      dueDate: "2026-03-31",
      labels: ["E-Akte", "E-Akte", "Schnittstelle"],
    });
    expect(first).toMatchObject({ key: `${project.key}-1`, number: 1, version: 1, state: { group: "OPEN" } });
    expect(second).toMatchObject({
      key: `${project.key}-2`,
      priority: "HIGH",
      responsibleUnitId: unit.id,
      startDate: "2026-03-01",
      dueDate: "2026-03-31",
      labels: ["E-Akte", "Schnittstelle"],
      completedAt: null,
    });
    expect(second.assignees.map((a) => a.id).sort()).toEqual([cast.lead.id, cast.member.id].sort());
    expect(second.position).toBeGreaterThan(first.position);
    const events = (await eventsOf(h, project.id)).filter((e) => e.objectId === second.id);
    expect(events.map((e) => e.verb)).toEqual(["task.created", "task.assigned", "task.assigned"]);
    expect(events.every((e) => e.objectType === "task" && e.actorId === cast.member.id)).toBe(true);
    expect(events[0]?.payload).toMatchObject({ key: second.key });
  });

  it("refuses assignees who are not members (or only guests), changing nothing, the counter included", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.lead);
    const before = await snapshot(h);
    for (const assignee of [cast.outsider, cast.guest]) {
      const error = await failure(
        caller.tasks.create({ projectId: project.id, title: "Fremd zugewiesen", assigneeIds: [assignee.id] }),
      );
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: "tasks.error.assigneeNotMember" });
      expect(describeError(error).fieldErrors.assigneeIds?.key).toBe("tasks.error.assigneeNotMember");
    }
    await expectUnchanged(h, before);
    const task = await caller.tasks.create({ projectId: project.id, title: "Danach" });
    expect(task.number).toBe(1);
    await expect(
      caller.tasks.update({ id: task.id, version: task.version, assigneeIds: [cast.outsider.id] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "tasks.error.assigneeNotMember" });
  });

  it("refuses a due date before the start, on create and on update against the stored start", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const task = await caller.tasks.create({ projectId: project.id, title: "Termin", startDate: "2026-04-10" });
    const before = await snapshot(h);
    const error = await failure(
      caller.tasks.create({
        projectId: project.id,
        title: "Rückwärts",
        startDate: "2026-04-10",
        dueDate: "2026-04-09",
      }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "tasks.error.dueBeforeStart" });
    expect(describeError(error).fieldErrors.dueDate?.key).toBe("tasks.error.dueBeforeStart");
    expect(translate("en", describeError(error).messageKey)).toBe("The due date must not be before the start date.");
    await expect(
      caller.tasks.update({ id: task.id, version: task.version, dueDate: "2026-04-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "tasks.error.dueBeforeStart" });
    await expectUnchanged(h, before);
  });

  it("refuses unknown projects, tasks, columns and units with NOT_FOUND, changing nothing", async () => {
    const project = await castProject(h, cast);
    const other = await castProject(h, cast);
    const caller = await cast.as(cast.lead);
    const task = await caller.tasks.create({ projectId: project.id, title: "Vorhanden" });
    const before = await snapshot(h);
    const attempts = [
      () => caller.tasks.create({ projectId: randomUUID(), title: "Ohne Projekt" }),
      () => caller.tasks.create({ projectId: project.id, title: "Fremde Spalte", stateId: stateOf(other, "OPEN") }),
      () => caller.tasks.create({ projectId: project.id, title: "Ohne Einheit", responsibleUnitId: randomUUID() }),
      () => caller.tasks.get({ id: randomUUID() }),
      () => caller.tasks.update({ id: randomUUID(), version: 1, title: "Niemand" }),
      () => caller.tasks.move({ id: randomUUID(), version: 1, stateId: stateOf(project, "DONE"), position: 1 }),
      () => caller.tasks.move({ id: task.id, version: task.version, stateId: randomUUID(), position: 1 }),
      () => caller.tasks.board({ projectId: randomUUID() }),
      () => caller.tasks.addDependency({ taskId: task.id, blockedById: randomUUID() }),
      () => caller.tasks.removeDependency({ taskId: task.id, blockedById: randomUUID() }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectUnchanged(h, before);
  });
});

describe("task descriptions", () => {
  const paragraph = (text: string) => ({
    root: {
      type: "root",
      version: 1,
      children: [{ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text }] }],
    },
  });

  it("keeps a description checked by the editor schema and returns it as sanitised HTML", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const task = await caller.tasks.create({
      projectId: project.id,
      title: "Mit Beschreibung",
      description: paragraph("Unterlagen <sichten> & prüfen"),
    });
    expect(task.descriptionHtml).toContain("Unterlagen &lt;sichten&gt; &amp; prüfen");
    expect(task.descriptionHtml).not.toContain("<sichten>");
    const cleared = await caller.tasks.update({ id: task.id, version: task.version, description: null });
    expect([cleared.description, cleared.descriptionHtml]).toEqual([null, null]);
  });

  it("refuses a description the editor does not allow, changing nothing", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const task = await caller.tasks.create({ projectId: project.id, title: "Ohne Beschreibung" });
    const before = await snapshot(h);
    const hostile = { root: { type: "root", version: 1, children: [{ type: "script", version: 1, children: [] }] } };
    const error = describeError(
      await failure(caller.tasks.update({ id: task.id, version: task.version, description: hostile })),
    );
    expect(error).toMatchObject({
      code: "BAD_INPUT",
      fieldErrors: { description: { key: "tasks.error.description" } },
    });
    await expectUnchanged(h, before);
  });
});

describe("optimistic concurrency", () => {
  it("gives the second writer CONFLICT with the current version and keeps the first write", async () => {
    const project = await castProject(h, cast);
    const a = await cast.as(cast.member);
    const b = await cast.as(cast.lead);
    const task = await a.tasks.create({ projectId: project.id, title: "Gemeinsam bearbeitet" });
    const first = await a.tasks.update({ id: task.id, version: task.version, title: "Von A" });
    expect(first.version).toBe(2);
    const before = await snapshot(h);
    const error = await failure(b.tasks.update({ id: task.id, version: task.version, title: "Von B" }));
    expect(error).toMatchObject({ code: "CONFLICT", message: "tasks.error.conflict" });
    const description = describeError(error);
    expect(description.params).toEqual({ currentVersion: 2 });
    expect(translate("de", description.messageKey, description.params)).toContain("jetzt Version 2");
    await expect(
      b.tasks.move({ id: task.id, version: task.version, stateId: stateOf(project, "DONE"), position: 5 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expectUnchanged(h, before);
    expect((await b.tasks.get({ id: task.id })).title).toBe("Von A");
  });

  it("lets exactly one of two concurrent writers with the same version win", async () => {
    const project = await castProject(h, cast);
    const a = await cast.as(cast.member);
    const b = await cast.as(cast.lead);
    const task = await a.tasks.create({ projectId: project.id, title: "Wettlauf" });
    const results = await Promise.allSettled([
      a.tasks.update({ id: task.id, version: 1, title: "Erster" }),
      b.tasks.move({ id: task.id, version: 1, stateId: stateOf(project, "IN_PROGRESS"), position: 7 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "CONFLICT" });
    expect((await a.tasks.get({ id: task.id })).version).toBe(2);
  });
});

describe("tasks.move and the board", () => {
  it("sets completedAt entering DONE, clears it leaving, with task.moved/completed/reopened", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const task = await caller.tasks.create({ projectId: project.id, title: "Abschließen" });
    const done = await caller.tasks.move({ id: task.id, version: 1, stateId: stateOf(project, "DONE"), position: 10 });
    expect(done).toMatchObject({ version: 2, position: 10, stateId: stateOf(project, "DONE") });
    expect(done.completedAt).toBeInstanceOf(Date);
    const reopened = await caller.tasks.move({
      id: task.id,
      version: 2,
      stateId: stateOf(project, "OPEN"),
      position: 3,
    });
    expect(reopened.completedAt).toBeNull();
    await caller.tasks.move({ id: task.id, version: 3, stateId: stateOf(project, "OPEN"), position: 1 });
    const row = await h.services.db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ version: 4, position: 1, completedAt: null });
    const verbs = (await eventsOf(h, project.id)).filter((e) => e.objectId === task.id).map((e) => e.verb);
    expect(verbs).toEqual([
      "task.created",
      "task.moved",
      "task.completed",
      "task.moved",
      "task.reopened",
      "task.reordered",
    ]);
  });

  it("groups tasks by column in order, with keys, assignee names and the overdue flag", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const late = await caller.tasks.create({
      projectId: project.id,
      title: "Überfällig",
      dueDate: "2020-01-01",
      assigneeIds: [cast.member.id],
    });
    const later = await caller.tasks.create({ projectId: project.id, title: "Später", dueDate: "2099-01-01" });
    const closed = await caller.tasks.create({ projectId: project.id, title: "Erledigt", dueDate: "2020-01-01" });
    await caller.tasks.move({ id: closed.id, version: 1, stateId: stateOf(project, "DONE"), position: 1 });
    await caller.tasks.move({
      id: later.id,
      version: 1,
      stateId: stateOf(project, "OPEN"),
      position: late.position / 2,
    });

    const board = await (await cast.as(cast.guest)).tasks.board({ projectId: project.id });
    expect(board.project).toMatchObject({ id: project.id, key: project.key, myRole: "GUEST", archived: false });
    expect(board.columns.map((c) => c.group)).toEqual(["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"]);
    const open = board.columns[0]!.tasks;
    expect(open.map((t) => t.id)).toEqual([later.id, late.id]);
    expect(open[1]).toMatchObject({
      key: late.key,
      overdue: true,
      dueDate: "2020-01-01",
      assignees: [{ id: cast.member.id, name: cast.member.name }],
    });
    expect(open[0]?.overdue).toBe(false);
    expect(board.columns[2]!.tasks).toMatchObject([{ id: closed.id, overdue: false }]);
  });

  it("lists a card's assignees in name order, each with their name", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const shared = await caller.tasks.create({
      projectId: project.id,
      title: "Gemeinsam",
      assigneeIds: [cast.member.id, cast.lead.id],
    });
    const board = await caller.tasks.board({ projectId: project.id });
    const card = board.columns.flatMap((c) => c.tasks).find((t) => t.id === shared.id)!;
    const expected = [cast.member, cast.lead]
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => new Intl.Collator("de").compare(a.name, b.name));
    expect(card.assignees).toEqual(expected);
  });
});

describe("dependencies", () => {
  it("adds and removes dependencies and refuses cycles, self-blocking and other projects", async () => {
    const project = await castProject(h, cast);
    const other = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const [a, b, c] = [
      await caller.tasks.create({ projectId: project.id, title: "Aufgabe A" }),
      await caller.tasks.create({ projectId: project.id, title: "Aufgabe B" }),
      await caller.tasks.create({ projectId: project.id, title: "Aufgabe C" }),
    ];
    const foreign = await caller.tasks.create({ projectId: other.id, title: "Fremd" });
    await caller.tasks.addDependency({ taskId: b!.id, blockedById: a!.id });
    const withDep = await caller.tasks.addDependency({ taskId: c!.id, blockedById: b!.id });
    expect(withDep.blockedBy).toEqual([{ id: b!.id, key: b!.key, title: "Aufgabe B", group: "OPEN" }]);

    const before = await snapshot(h);
    for (const [taskId, blockedById] of [
      [a!.id, c!.id],
      [a!.id, b!.id],
      [a!.id, a!.id],
    ] as const) {
      const error = await failure(caller.tasks.addDependency({ taskId, blockedById }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: "tasks.error.cycle" });
      expect(describeError(error).fieldErrors.blockedById?.key).toBe("tasks.error.cycle");
    }
    await expect(caller.tasks.addDependency({ taskId: a!.id, blockedById: foreign.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "tasks.error.dependencyNotFound",
    });
    await expectUnchanged(h, before);

    const removed = await caller.tasks.removeDependency({ taskId: c!.id, blockedById: b!.id });
    expect(removed.blockedBy).toEqual([]);
    await caller.tasks.addDependency({ taskId: a!.id, blockedById: c!.id });
    const verbs = (await eventsOf(h, project.id)).map((e) => e.verb).filter((v) => v.startsWith("task.dependency"));
    expect(verbs).toEqual([
      "task.dependency-added",
      "task.dependency-added",
      "task.dependency-removed",
      "task.dependency-added",
    ]);
  });
});

describe("visibility and roles", () => {
  it("keeps members-only tasks invisible to non-members: get, board and myTasks", async () => {
    const secret = await castProject(h, cast, { visibility: "MEMBERS" });
    const lead = await cast.as(cast.lead);
    const leaver = await h.userWith(["STAFF"]);
    await lead.projects.addMember({ projectId: secret.id, userId: leaver.id, role: "MEMBER" });
    const task = await lead.tasks.create({
      projectId: secret.id,
      title: "Vertraulich",
      assigneeIds: [leaver.id, cast.lead.id],
      dueDate: "2026-06-01",
    });
    expect((await (await h.callerFor(leaver)).tasks.myTasks()).map((t) => t.id)).toEqual([task.id]);
    await lead.projects.removeMember({ projectId: secret.id, userId: leaver.id });

    for (const user of [cast.outsider, cast.admin, leaver]) {
      const caller = await h.callerFor(user);
      await expect(caller.tasks.get({ id: task.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "errors.notFound",
      });
      await expect(caller.tasks.board({ projectId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await caller.tasks.myTasks({ includeClosed: true })).some((t) => t.id === task.id)).toBe(false);
      const before = await snapshot(h);
      const attempts = [
        () => caller.tasks.create({ projectId: secret.id, title: "Eingeschleust" }),
        () => caller.tasks.update({ id: task.id, version: task.version, title: "Eingeschleust" }),
        () => caller.tasks.move({ id: task.id, version: task.version, stateId: stateOf(secret, "DONE"), position: 1 }),
        () => caller.tasks.addDependency({ taskId: task.id, blockedById: task.id }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expectUnchanged(h, before);
    }
  });

  it("lists my tasks across readable projects, soonest due first, closed ones only on request", async () => {
    const p1 = await castProject(h, cast);
    const p2 = await castProject(h, cast, { visibility: "MEMBERS" });
    const me = await cast.as(cast.member);
    const t1 = await me.tasks.create({
      projectId: p1.id,
      title: "Später fällig",
      dueDate: "2026-09-01",
      assigneeIds: [cast.member.id],
    });
    const t2 = await me.tasks.create({
      projectId: p2.id,
      title: "Bald fällig",
      dueDate: "2026-02-01",
      assigneeIds: [cast.member.id],
    });
    const t3 = await me.tasks.create({ projectId: p1.id, title: "Ohne Termin", assigneeIds: [cast.member.id] });
    const t4 = await me.tasks.create({
      projectId: p2.id,
      title: "Erledigt",
      dueDate: "2026-01-01",
      assigneeIds: [cast.member.id],
    });
    await me.tasks.create({ projectId: p1.id, title: "Nicht meine", dueDate: "2025-01-01" });
    await me.tasks.move({ id: t4.id, version: 1, stateId: stateOf(p2, "DONE"), position: 1 });
    const mine = (await me.tasks.myTasks()).filter((t) => [p1.id, p2.id].includes(t.projectId));
    expect(mine.map((t) => t.id)).toEqual([t2.id, t1.id, t3.id]);
    expect(mine[0]).toMatchObject({ key: t2.key, projectTitle: p2.title, stateGroup: "OPEN", dueDate: "2026-02-01" });
    const all = (await me.tasks.myTasks({ includeClosed: true })).filter((t) => [p1.id, p2.id].includes(t.projectId));
    expect(all.map((t) => t.id)).toEqual([t4.id, t2.id, t1.id, t3.id]);
  });

  it("refuses every mutation for a guest with FORBIDDEN and changes nothing, while reads work", async () => {
    const project = await castProject(h, cast, { visibility: "MEMBERS" });
    const lead = await cast.as(cast.lead);
    const a = await lead.tasks.create({ projectId: project.id, title: "Aufgabe A" });
    const b = await lead.tasks.create({ projectId: project.id, title: "Aufgabe B" });
    await lead.tasks.addDependency({ taskId: b.id, blockedById: a.id });
    const guest = await cast.as(cast.guest);
    const before = await snapshot(h);
    const attempts = [
      () => guest.projects.update({ id: project.id, title: "Gastprojekt" }),
      () => guest.projects.archive({ id: project.id }),
      () => guest.projects.renameState({ projectId: project.id, stateId: stateOf(project, "OPEN"), name: "Gast" }),
      () => guest.projects.addMember({ projectId: project.id, userId: cast.guest.id, role: "LEAD" }),
      () => guest.projects.removeMember({ projectId: project.id, userId: cast.member.id }),
      () => guest.projects.setMembers({ projectId: project.id, members: [{ userId: cast.guest.id, role: "LEAD" }] }),
      () => guest.tasks.create({ projectId: project.id, title: "Gastaufgabe" }),
      () => guest.tasks.update({ id: a.id, version: a.version, title: "Gastaufgabe" }),
      () => guest.tasks.move({ id: a.id, version: a.version, stateId: stateOf(project, "DONE"), position: 1 }),
      () => guest.tasks.addDependency({ taskId: a.id, blockedById: b.id }),
      () => guest.tasks.removeDependency({ taskId: b.id, blockedById: a.id }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.forbidden" });
    }
    await expectUnchanged(h, before);
    expect((await guest.tasks.get({ id: a.id })).title).toBe("Aufgabe A");
  });

  it("lets staff of another unit read an ALL_STAFF project but change none of its tasks", async () => {
    const project = await castProject(h, cast);
    const task = await (await cast.as(cast.lead)).tasks.create({ projectId: project.id, title: "Öffentlich" });
    const outsider = await cast.as(cast.outsider);
    expect((await outsider.tasks.get({ id: task.id })).key).toBe(task.key);
    expect((await outsider.tasks.board({ projectId: project.id })).project.myRole).toBeNull();
    const before = await snapshot(h);
    const attempts = [
      () => outsider.tasks.create({ projectId: project.id, title: "Von außen" }),
      () => outsider.tasks.update({ id: task.id, version: task.version, title: "Von außen" }),
      () => outsider.tasks.move({ id: task.id, version: task.version, stateId: stateOf(project, "DONE"), position: 1 }),
      () => outsider.projects.update({ id: project.id, title: "Von außen" }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expectUnchanged(h, before);
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const anonymous = h.anonymousCaller();
    await expect(anonymous.projects.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.tasks.myTasks()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("the board's hot path", () => {
  it("moves a card with at most five database statements", async () => {
    const project = await castProject(h, cast);
    const task = await (await cast.as(cast.member)).tasks.create({ projectId: project.id, title: "Schnell ziehen" });
    let statements = 0;
    const counting = h.services.db.$extends({
      query: {
        async $allOperations({ args, query }) {
          statements += 1;
          return query(args);
        },
      },
    }) as unknown as typeof h.services.db;
    const token = await createSession(h.services.db, cast.member.id, { secondFactorOk: true, userAgent: "vitest" });
    const resolved = await resolveSession(h.services.db, token);
    const caller = createCaller(
      createContext(
        { ...h.services, db: counting },
        { actor: resolved!.actor, session: resolved!.session, locale: "de", ip: "127.0.0.1", userAgent: "vitest" },
      ),
    );
    await caller.tasks.move({ id: task.id, version: 1, stateId: stateOf(project, "IN_PROGRESS"), position: 1 });
    // context (task, column, project, role), target column, guarded write, task.moved event
    expect(statements).toBeLessThanOrEqual(5);
    expect(statements).toBeGreaterThan(0);
  });
});
