import { randomUUID } from "node:crypto";
import { createUnit } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import {
  castProject,
  eventsOf,
  expectUnchanged,
  failure,
  projectCast,
  projectKey,
  snapshot,
} from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

describe("projects.create", () => {
  it("creates the project with its creator as lead, four default columns and an event", async () => {
    const caller = await cast.as(cast.lead);
    const partner = await createUnit(h.services.db);
    const key = projectKey();
    const project = await caller.projects.create({
      key: key.toLowerCase(),
      title: "  E-Akte Einführung  ",
      description: { root: { type: "root", children: [] } },
      leadUnitId: cast.lead.unitId,
      unitIds: [partner.id, partner.id, cast.lead.unitId],
      visibility: "MEMBERS",
      status: "ACTIVE",
      startDate: "2026-02-01",
      endDate: "2026-02-01",
    });
    expect(project).toMatchObject({
      key,
      title: "E-Akte Einführung",
      description: { root: { type: "root", children: [] } },
      status: "ACTIVE",
      visibility: "MEMBERS",
      startDate: "2026-02-01",
      endDate: "2026-02-01",
      archivedAt: null,
      leadUnit: { id: cast.lead.unitId },
      units: [{ id: partner.id }],
      members: [{ userId: cast.lead.id, role: "LEAD" }],
      myRole: "LEAD",
    });
    expect(project.states.map((s) => [s.name, s.group])).toEqual([
      ["Offen", "OPEN"],
      ["In Arbeit", "IN_PROGRESS"],
      ["Erledigt", "DONE"],
      ["Abgebrochen", "CANCELLED"],
    ]);
    const events = await eventsOf(h, project.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      verb: "project.created",
      objectType: "project",
      objectId: project.id,
      actorId: cast.lead.id,
      actorUnitId: cast.lead.unitId,
    });
  });

  it("refuses a taken key, unknown units, an end before the start and a malformed key, changing nothing", async () => {
    const caller = await cast.as(cast.lead);
    const existing = await castProject(h, cast);
    const before = await snapshot(h);
    const base = { title: "Zweites Projekt", leadUnitId: cast.lead.unitId };

    const taken = await failure(caller.projects.create({ ...base, key: existing.key }));
    expect(taken).toMatchObject({ code: "CONFLICT", message: "projects.error.keyTaken" });
    expect(describeError(taken).fieldErrors.key?.key).toBe("projects.error.keyTaken");

    const lead = await failure(caller.projects.create({ ...base, key: projectKey(), leadUnitId: randomUUID() }));
    expect(lead).toMatchObject({ code: "NOT_FOUND", message: "projects.error.leadUnitNotFound" });
    const units = await failure(caller.projects.create({ ...base, key: projectKey(), unitIds: [randomUUID()] }));
    expect(units).toMatchObject({ code: "NOT_FOUND", message: "projects.error.unitNotFound" });

    const dates = await failure(
      caller.projects.create({ ...base, key: projectKey(), startDate: "2026-05-02", endDate: "2026-05-01" }),
    );
    expect(dates).toMatchObject({ code: "BAD_REQUEST", message: "projects.error.endBeforeStart" });
    expect(translate("de", describeError(dates).messageKey)).toBe("Das Ende darf nicht vor dem Beginn liegen.");

    const malformed = await failure(caller.projects.create({ ...base, key: "DIGI-1", startDate: "2026-02-30" }));
    expect(malformed).toMatchObject({ code: "BAD_REQUEST" });
    const fields = describeError(malformed).fieldErrors;
    expect(fields.key?.key).toBe("projects.validation.key");
    expect(fields.startDate?.key).toBe("projects.validation.date");
    await expectUnchanged(h, before);
  });
});

describe("projects.list and projects.get", () => {
  it("lists readable projects with member and open-task counts, filtered by status", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    await caller.tasks.create({ projectId: project.id, title: "Offene Aufgabe" });
    const done = await caller.tasks.create({ projectId: project.id, title: "Erledigte Aufgabe" });
    const doneState = project.states.find((s) => s.group === "DONE")!;
    await caller.tasks.move({ id: done.id, version: done.version, stateId: doneState.id, position: 1 });

    const listed = (await caller.projects.list()).find((p) => p.id === project.id);
    expect(listed).toMatchObject({ key: project.key, memberCount: 3, openTaskCount: 1, myRole: "MEMBER" });
    expect(
      (await caller.projects.list({ status: "ACTIVE", includeArchived: false })).some((p) => p.id === project.id),
    ).toBe(false);
    expect(
      (await caller.projects.list({ status: "PLANNED", includeArchived: false })).some((p) => p.id === project.id),
    ).toBe(true);
    const outsiderView = (await (await cast.as(cast.outsider)).projects.list()).find((p) => p.id === project.id);
    expect(outsiderView).toMatchObject({ myRole: null, memberCount: 3 });
  });

  it("hides members-only projects from non-members everywhere, admins included, with NOT_FOUND by id", async () => {
    const secret = await castProject(h, cast, { visibility: "MEMBERS" });
    for (const user of [cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      expect((await caller.projects.list({ includeArchived: true })).some((p) => p.id === secret.id)).toBe(false);
      const byId = await failure(caller.projects.get({ id: secret.id }));
      const unknown = await failure(caller.projects.get({ id: randomUUID() }));
      expect(byId).toMatchObject({ code: "NOT_FOUND", message: "errors.notFound" });
      expect(describeError(byId)).toEqual(describeError(unknown));
    }
    const guest = await cast.as(cast.guest);
    expect((await guest.projects.get({ id: secret.id })).myRole).toBe("GUEST");
    expect((await guest.projects.list()).some((p) => p.id === secret.id)).toBe(true);
  });
});

describe("projects.update and projects.archive", () => {
  it("lets the lead change fields and writes project.updated and project.status-changed", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.lead);
    const partner = await createUnit(h.services.db);
    const updated = await caller.projects.update({
      id: project.id,
      title: "Digitale Akte, Phase 2",
      status: "ACTIVE",
      endDate: null,
      unitIds: [partner.id],
    });
    expect(updated).toMatchObject({ title: "Digitale Akte, Phase 2", status: "ACTIVE", endDate: null });
    expect(updated.units.map((u) => u.id)).toEqual([partner.id]);
    const verbs = (await eventsOf(h, project.id)).map((e) => e.verb);
    expect(verbs.slice(-2)).toEqual(["project.updated", "project.status-changed"]);
  });

  it("checks new dates against the stored ones and refuses unknown ids, changing nothing", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.lead);
    const before = await snapshot(h);
    await expect(caller.projects.update({ id: project.id, startDate: "2027-01-01" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "projects.error.endBeforeStart",
    });
    await expect(caller.projects.update({ id: randomUUID(), title: "Nirgends" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.projects.update({ id: project.id, leadUnitId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "projects.error.leadUnitNotFound",
    });
    await expectUnchanged(h, before);
  });

  it("refuses members, guests, admins and staff of other units with FORBIDDEN, changing nothing", async () => {
    const project = await castProject(h, cast);
    const before = await snapshot(h);
    for (const user of [cast.member, cast.guest, cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      await expect(caller.projects.update({ id: project.id, title: "Übernommen" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.projects.archive({ id: project.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expectUnchanged(h, before);
  });

  it("archives: the project stays readable but nothing in it can change", async () => {
    const project = await castProject(h, cast);
    const lead = await cast.as(cast.lead);
    const task = await lead.tasks.create({ projectId: project.id, title: "Vor dem Archiv" });
    const archived = await lead.projects.archive({ id: project.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await eventsOf(h, project.id)).at(-1)?.verb).toBe("project.archived");
    expect((await lead.projects.list()).some((p) => p.id === project.id)).toBe(false);
    expect((await lead.projects.list({ includeArchived: true })).some((p) => p.id === project.id)).toBe(true);
    const before = await snapshot(h);
    const attempts = [
      () => lead.projects.update({ id: project.id, title: "Nach dem Archiv" }),
      () => lead.projects.archive({ id: project.id }),
      () => lead.projects.addMember({ projectId: project.id, userId: cast.outsider.id, role: "MEMBER" }),
      () => lead.tasks.create({ projectId: project.id, title: "Neu" }),
      () => lead.tasks.update({ id: task.id, version: task.version, title: "Geändert" }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "BAD_REQUEST", message: "projects.error.archived" });
    }
    await expectUnchanged(h, before);
    expect((await lead.tasks.board({ projectId: project.id })).project.archived).toBe(true);
  });
});

describe("projects.renameState", () => {
  it("lets the lead rename a column while its group stays, and refuses others and foreign columns", async () => {
    const project = await castProject(h, cast);
    const other = await castProject(h, cast);
    const lead = await cast.as(cast.lead);
    const done = project.states.find((s) => s.group === "DONE")!;
    const renamed = await lead.projects.renameState({ projectId: project.id, stateId: done.id, name: " Abgenommen " });
    expect(renamed.states.find((s) => s.id === done.id)).toMatchObject({ name: "Abgenommen", group: "DONE" });
    expect((await eventsOf(h, project.id)).at(-1)).toMatchObject({
      verb: "project.state-renamed",
      payload: { stateId: done.id, from: "Erledigt", to: "Abgenommen" },
    });
    const before = await snapshot(h);
    await expect(
      lead.projects.renameState({ projectId: project.id, stateId: other.states[0]!.id, name: "Fremd" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "tasks.error.stateNotFound" });
    const member = await cast.as(cast.member);
    await expect(
      member.projects.renameState({ projectId: project.id, stateId: done.id, name: "Fertig" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expectUnchanged(h, before);
  });
});

describe("project members", () => {
  it("adds, changes and removes members with events; removing someone drops their assignments", async () => {
    const project = await castProject(h, cast);
    const lead = await cast.as(cast.lead);
    const newcomer = await h.userWith(["STAFF"]);
    await lead.projects.addMember({ projectId: project.id, userId: newcomer.id, role: "MEMBER" });
    const task = await lead.tasks.create({ projectId: project.id, title: "Für Neue", assigneeIds: [newcomer.id] });
    await lead.projects.addMember({ projectId: project.id, userId: newcomer.id, role: "LEAD" });
    const after = await lead.projects.removeMember({ projectId: project.id, userId: newcomer.id });
    expect(after.members.some((m) => m.userId === newcomer.id)).toBe(false);
    expect((await lead.tasks.get({ id: task.id })).assignees).toEqual([]);
    const memberEvents = (await eventsOf(h, project.id)).filter((e) => e.verb.startsWith("project.member"));
    expect(memberEvents.slice(-3).map((e) => [e.verb, (e.payload as { userId: string }).userId])).toEqual([
      ["project.member-added", newcomer.id],
      ["project.member-role-changed", newcomer.id],
      ["project.member-removed", newcomer.id],
    ]);
    expect(memberEvents.every((e) => e.objectType === "project" && e.projectId === project.id)).toBe(true);
  });

  it("never leaves a project without a lead, and refuses unknown people, changing nothing", async () => {
    const project = await castProject(h, cast);
    const lead = await cast.as(cast.lead);
    const before = await snapshot(h);
    await expect(lead.projects.removeMember({ projectId: project.id, userId: cast.lead.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "projects.error.lastLead",
    });
    await expect(
      lead.projects.addMember({ projectId: project.id, userId: cast.lead.id, role: "MEMBER" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "projects.error.lastLead" });
    await expect(
      lead.projects.setMembers({ projectId: project.id, members: [{ userId: cast.member.id, role: "MEMBER" }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "projects.error.lastLead" });
    await expect(
      lead.projects.addMember({ projectId: project.id, userId: randomUUID(), role: "MEMBER" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "projects.error.userNotFound" });
    await expect(lead.projects.removeMember({ projectId: project.id, userId: cast.outsider.id })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
        message: "projects.error.notMember",
      },
    );
    const duplicate = await failure(
      lead.projects.setMembers({
        projectId: project.id,
        members: [
          { userId: cast.lead.id, role: "LEAD" },
          { userId: cast.lead.id, role: "MEMBER" },
        ],
      }),
    );
    expect(describeError(duplicate).fieldErrors.members?.key).toBe("projects.validation.duplicateMember");
    await expectUnchanged(h, before);
  });

  it("lets only leads (and admins on readable projects) manage members", async () => {
    const project = await castProject(h, cast);
    const secret = await castProject(h, cast, { visibility: "MEMBERS" });
    const before = await snapshot(h);
    for (const user of [cast.member, cast.guest, cast.outsider]) {
      const caller = await cast.as(user);
      await expect(
        caller.projects.addMember({ projectId: project.id, userId: user.id, role: "LEAD" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        caller.projects.removeMember({ projectId: project.id, userId: cast.member.id }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await cast.as(cast.admin);
    await expect(
      admin.projects.addMember({ projectId: secret.id, userId: cast.admin.id, role: "LEAD" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectUnchanged(h, before);
    const handedOver = await admin.projects.addMember({
      projectId: project.id,
      userId: cast.outsider.id,
      role: "LEAD",
    });
    expect(handedOver.members.find((m) => m.userId === cast.outsider.id)?.role).toBe("LEAD");
  });
});
