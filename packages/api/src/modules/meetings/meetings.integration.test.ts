import { pdfText } from "../../../test/pdf.ts";
import { randomUUID } from "node:crypto";
import { createUnit } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import { type ZCreateMeetingInput } from "@kreisnetz/shared/schemas/meetings";
import type { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, eventsOf, expectUnchanged, failure, projectCast, snapshot } from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

async function meetingIn(visibility: "ALL_STAFF" | "MEMBERS" = "ALL_STAFF") {
  const project = await castProject(h, cast, { visibility });
  const caller = await cast.as(cast.member);
  const meeting = await caller.meetings.create({
    projectId: project.id,
    title: "Projektsitzung März",
    startsAt: "2026-03-10T09:30",
    endsAt: "2026-03-10T11:00",
    location: "Raum 2.14, Landratsamt",
    participantIds: [cast.lead.id, cast.member.id, cast.guest.id],
    templateKey: "PROJEKTSITZUNG",
  });
  return { project, meeting, caller };
}

describe("meetings.create, get and list", () => {
  it("creates a meeting with a template agenda, Berlin times, invitees and a meeting.created event", async () => {
    const { project, meeting } = await meetingIn();
    expect(meeting).toMatchObject({
      title: "Projektsitzung März",
      startsAtLocal: "2026-03-10T09:30",
      endsAtLocal: "2026-03-10T11:00",
      status: "DRAFT",
      version: 1,
      templateKey: "PROJEKTSITZUNG",
      canEdit: true,
      canApprove: true,
    });
    expect(meeting.startsAt.toISOString()).toBe("2026-03-10T08:30:00.000Z");
    expect(meeting.agendaItems.map((a) => a.position)).toEqual([1, 2, 3, 4]);
    expect(meeting.agendaItems[0]?.title).toMatch(/Meilensteine/);
    expect(meeting.participants.map((p) => p.id).sort()).toEqual([cast.lead.id, cast.member.id, cast.guest.id].sort());
    const events = await eventsOf(h, project.id);
    expect(events.filter((e) => e.verb === "meeting.created")).toHaveLength(1);
    const list = await (await cast.as(cast.outsider)).meetings.list({ projectId: project.id });
    expect(list.map((m) => m.id)).toEqual([meeting.id]);
    expect(list[0]).toMatchObject({ agendaItemCount: 4, actionItemCount: 0 });
  });

  it("refuses ends before starts, non-member invitees, unknown units and non-https links, changing nothing", async () => {
    const project = await castProject(h, cast);
    const caller = await cast.as(cast.member);
    const base = { projectId: project.id, title: "Termin", startsAt: "2026-03-10T09:30" };
    const before = await snapshot(h);
    const cases: [z.input<typeof ZCreateMeetingInput>, string, string][] = [
      [{ ...base, endsAt: "2026-03-10T09:00" }, "BAD_REQUEST", "meetings.error.endBeforeStart"],
      [{ ...base, participantIds: [cast.outsider.id] }, "BAD_REQUEST", "meetings.error.participantNotMember"],
      [{ ...base, unitIds: [randomUUID()] }, "NOT_FOUND", "projects.error.unitNotFound"],
      [{ ...base, projectId: randomUUID() }, "NOT_FOUND", "errors.notFound"],
    ];
    for (const [input, code, message] of cases) {
      await expect(caller.meetings.create(input)).rejects.toMatchObject({ code, message });
    }
    const bad = await failure(caller.meetings.create({ ...base, onlineUrl: "javascript:alert(1)" }));
    expect(describeError(bad).fieldErrors.onlineUrl?.key).toBe("meetings.validation.onlineUrl");
    await expectUnchanged(h, before);
    expect(translate("de", "meetings.error.endBeforeStart")).toMatch(/Ende/);
    expect(translate("en", "meetings.error.ownerNotMember")).toMatch(/member/);
  });
});

describe("permissions", () => {
  it("lets guests and outsiders read an ALL_STAFF meeting but change nothing", async () => {
    const { meeting } = await meetingIn();
    const item = meeting.agendaItems[0]!;
    for (const user of [cast.guest, cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      const read = await caller.meetings.get({ id: meeting.id });
      expect(read).toMatchObject({ canEdit: false, canApprove: false, canCreateTasks: false });
      const before = await snapshot(h);
      const ref = { meetingId: meeting.id, version: meeting.version };
      const attempts = [
        () => caller.meetings.update({ ...ref, title: "Anders" }),
        () => caller.meetings.addAgendaItem({ ...ref, title: "Neu" }),
        () => caller.meetings.updateAgendaItem({ ...ref, itemId: item.id, notes: "x" }),
        () => caller.meetings.removeAgendaItem({ ...ref, itemId: item.id }),
        () => caller.meetings.move({ ...ref, itemId: item.id, toIndex: 2 }),
        () => caller.meetings.addActionItem({ ...ref, title: "Maßnahme" }),
        () => caller.meetings.recordAttendance({ ...ref, attendeeIds: [] }),
        () => caller.meetings.approve(ref),
        () => caller.meetings.create({ projectId: meeting.projectId, title: "Eigene", startsAt: "2026-04-01T10:00" }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expectUnchanged(h, before);
    }
  });

  it("hides meetings of members-only projects from non-members, admins included, like unknown ids", async () => {
    const { project, meeting } = await meetingIn("MEMBERS");
    for (const user of [cast.outsider, cast.admin]) {
      const caller = await cast.as(user);
      const ref = { meetingId: meeting.id, version: meeting.version };
      const attempts = [
        () => caller.meetings.get({ id: meeting.id }),
        () => caller.meetings.list({ projectId: project.id }),
        () => caller.meetings.exportPdf({ id: meeting.id }),
        () => caller.meetings.update({ ...ref, title: "Anders" }),
        () => caller.meetings.move({ ...ref, itemId: meeting.agendaItems[0]!.id, toIndex: 1 }),
        () => caller.meetings.approve(ref),
        () => caller.meetings.create({ projectId: project.id, title: "Eigene", startsAt: "2026-04-01T10:00" }),
        () => caller.meetings.get({ id: randomUUID() }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const guest = await cast.as(cast.guest);
    expect((await guest.meetings.get({ id: meeting.id })).canEdit).toBe(false);
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const { meeting } = await meetingIn();
    const anonymous = h.anonymousCaller();
    await expect(anonymous.meetings.get({ id: meeting.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.meetings.templates()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.meetings.approve({ meetingId: meeting.id, version: 1 })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("refuses every change once the project is archived", async () => {
    const { project, meeting } = await meetingIn();
    await (await cast.as(cast.lead)).projects.archive({ id: project.id });
    const caller = await cast.as(cast.member);
    await expect(
      caller.meetings.addAgendaItem({ meetingId: meeting.id, version: 1, title: "Neu" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "projects.error.archived",
    });
  });
});

describe("agenda", () => {
  it("adds, edits, moves (up, down, to the ends) and removes items, renumbering 1..n", async () => {
    const { project, meeting, caller } = await meetingIn();
    const [first, second, third, fourth] = meeting.agendaItems.map((a) => a.id) as [string, string, string, string];
    let m = await caller.meetings.move({ meetingId: meeting.id, version: 1, itemId: third, toIndex: 1 });
    expect(m.agendaItems.map((a) => a.id)).toEqual([first, third, second, fourth]);
    expect(m.agendaItems.map((a) => a.position)).toEqual([1, 2, 3, 4]);
    expect(m.version).toBe(2);
    m = await caller.meetings.move({ meetingId: meeting.id, version: 2, itemId: first, toIndex: 99 });
    expect(m.agendaItems.map((a) => a.id)).toEqual([third, second, fourth, first]);
    m = await caller.meetings.addAgendaItem({
      meetingId: meeting.id,
      version: m.version,
      title: "Bürgerbüro",
      durationMinutes: 10,
    });
    expect(m.agendaItems.at(-1)).toMatchObject({ title: "Bürgerbüro", position: 5, durationMinutes: 10 });
    const added = m.agendaItems.at(-1)!.id;
    m = await caller.meetings.updateAgendaItem({
      meetingId: meeting.id,
      version: m.version,
      itemId: added,
      notes: "Öffnungszeiten werden verlängert.",
      decision: "Ab 1. Mai donnerstags bis 18 Uhr.",
    });
    expect(m.agendaItems.at(-1)).toMatchObject({
      notes: "Öffnungszeiten werden verlängert.",
      decision: "Ab 1. Mai donnerstags bis 18 Uhr.",
    });
    m = await caller.meetings.removeAgendaItem({ meetingId: meeting.id, version: m.version, itemId: second });
    expect(m.agendaItems.map((a) => a.position)).toEqual([1, 2, 3, 4]);
    expect(m.agendaItems.map((a) => a.id)).not.toContain(second);
    const verbs = (await eventsOf(h, project.id)).map((e) => e.verb);
    expect(verbs.filter((v) => v === "meeting.agenda-item-moved")).toHaveLength(2);
    expect(verbs).toEqual(
      expect.arrayContaining([
        "meeting.agenda-item-added",
        "meeting.agenda-item-updated",
        "meeting.decision-recorded",
        "meeting.agenda-item-removed",
      ]),
    );
  });

  it("refuses items of another meeting and unknown items with NOT_FOUND, changing nothing", async () => {
    const { meeting, caller } = await meetingIn();
    const other = await meetingIn();
    const before = await snapshot(h);
    for (const itemId of [other.meeting.agendaItems[0]!.id, randomUUID()]) {
      await expect(
        caller.meetings.move({ meetingId: meeting.id, version: 1, itemId, toIndex: 0 }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "meetings.error.agendaItemNotFound",
      });
    }
    await expect(
      caller.meetings.move({ meetingId: meeting.id, version: 1, itemId: meeting.agendaItems[0]!.id, toIndex: -1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expectUnchanged(h, before);
  });
});

describe("optimistic concurrency on the minutes", () => {
  it("gives the second writer CONFLICT naming the other writer, and keeps the first write", async () => {
    const { meeting, caller } = await meetingIn();
    const lead = await cast.as(cast.lead);
    const item = meeting.agendaItems[0]!;
    await lead.meetings.updateAgendaItem({
      meetingId: meeting.id,
      version: 1,
      itemId: item.id,
      notes: "Leitung war zuerst.",
    });
    const before = await snapshot(h);
    const error = await failure(
      caller.meetings.updateAgendaItem({ meetingId: meeting.id, version: 1, itemId: item.id, notes: "Überschrieben?" }),
    );
    expect(error).toMatchObject({ code: "CONFLICT", message: "meetings.error.conflict" });
    expect(describeError(error).params).toEqual({ currentVersion: 2, changedBy: cast.lead.name });
    expect(translate("de", "meetings.error.conflict", describeError(error).params)).toContain(cast.lead.name);
    await expectUnchanged(h, before);
    expect((await caller.meetings.get({ id: meeting.id })).agendaItems[0]?.notes).toBe("Leitung war zuerst.");
  });

  it("lets exactly one of two concurrent writers with the same version win", async () => {
    const { meeting, caller } = await meetingIn();
    const lead = await cast.as(cast.lead);
    const results = await Promise.allSettled([
      caller.meetings.addAgendaItem({ meetingId: meeting.id, version: 1, title: "Von Mitglied" }),
      lead.meetings.addAgendaItem({ meetingId: meeting.id, version: 1, title: "Von Leitung" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    const after = await caller.meetings.get({ id: meeting.id });
    expect(after.version).toBe(2);
    expect(after.agendaItems).toHaveLength(5);
  });
});

describe("action items", () => {
  it("turns an action item into a task in one click, linked both ways", async () => {
    const { project, meeting, caller } = await meetingIn();
    let m = await caller.meetings.addActionItem({
      meetingId: meeting.id,
      version: 1,
      agendaItemId: meeting.agendaItems[1]!.id,
      title: "Schnittstelle zum Fachverfahren prüfen",
      ownerId: cast.lead.id,
      dueDate: "2026-03-31",
    });
    const action = m.actionItems[0]!;
    expect(action).toMatchObject({ owner: { id: cast.lead.id }, dueDate: "2026-03-31", task: null });
    m = await caller.meetings.createTask({ meetingId: meeting.id, version: m.version, actionItemId: action.id });
    const link = m.actionItems[0]!.task!;
    expect(link.key).toBe(`${project.key}-1`);
    const task = await caller.tasks.get({ id: link.id });
    expect(task).toMatchObject({
      title: "Schnittstelle zum Fachverfahren prüfen",
      dueDate: "2026-03-31",
      assignees: [{ id: cast.lead.id }],
      fromMeeting: { meetingId: meeting.id, title: "Projektsitzung März", actionItemId: action.id },
    });
    const events = await eventsOf(h, project.id);
    expect(events.find((e) => e.verb === "task.created")?.payload).toMatchObject({ fromMeetingId: meeting.id });
    expect(events.find((e) => e.verb === "task.assigned")?.payload).toMatchObject({ assigneeId: cast.lead.id });
    expect(events.find((e) => e.verb === "meeting.action-item-converted")?.payload).toMatchObject({
      taskKey: link.key,
    });
    const before = await snapshot(h);
    await expect(
      caller.meetings.createTask({ meetingId: meeting.id, version: m.version, actionItemId: action.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "meetings.error.alreadyTask" });
    await expectUnchanged(h, before);
  });

  it("refuses owners who are not members or only guests, due dates before the meeting, unknown items", async () => {
    const { meeting, caller } = await meetingIn();
    const other = await meetingIn();
    const ref = { meetingId: meeting.id, version: 1 };
    const before = await snapshot(h);
    const cases = [
      [{ ...ref, title: "Aufgabe", ownerId: cast.outsider.id }, "BAD_REQUEST", "meetings.error.ownerNotMember"],
      [{ ...ref, title: "Aufgabe", ownerId: cast.guest.id }, "BAD_REQUEST", "meetings.error.ownerNotMember"],
      [{ ...ref, title: "Aufgabe", dueDate: "2026-03-09" }, "BAD_REQUEST", "meetings.error.dueBeforeMeeting"],
      [
        { ...ref, title: "Aufgabe", agendaItemId: other.meeting.agendaItems[0]!.id },
        "NOT_FOUND",
        "meetings.error.agendaItemNotFound",
      ],
    ] as const;
    for (const [input, code, message] of cases) {
      const error = await failure(caller.meetings.addActionItem(input));
      expect(error).toMatchObject({ code, message });
    }
    await expect(caller.meetings.createTask({ ...ref, actionItemId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "meetings.error.actionItemNotFound",
    });
    await expectUnchanged(h, before);
  });

  it("lets only members turn action items into tasks, also after approval", async () => {
    const { meeting, caller } = await meetingIn();
    let m = await caller.meetings.addActionItem({ meetingId: meeting.id, version: 1, title: "Nachbereitung" });
    m = await caller.meetings.approve({ meetingId: meeting.id, version: m.version });
    const guest = await cast.as(cast.guest);
    await expect(
      guest.meetings.createTask({ meetingId: meeting.id, version: m.version, actionItemId: m.actionItems[0]!.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    m = await caller.meetings.createTask({
      meetingId: meeting.id,
      version: m.version,
      actionItemId: m.actionItems[0]!.id,
    });
    expect(m.actionItems[0]?.task).not.toBeNull();
    expect(m.status).toBe("APPROVED");
  });
});

describe("attendance", () => {
  it("writes one meeting.attended per attendee, as that attendee and their unit, never twice", async () => {
    const { project, meeting, caller } = await meetingIn();
    let m = await caller.meetings.recordAttendance({
      meetingId: meeting.id,
      version: 1,
      attendeeIds: [cast.lead.id, cast.guest.id, cast.lead.id],
    });
    expect(m.participants.find((p) => p.id === cast.lead.id)?.attended).toBe(true);
    expect(m.participants.find((p) => p.id === cast.member.id)?.attended).toBe(false);
    m = await caller.meetings.recordAttendance({
      meetingId: meeting.id,
      version: m.version,
      attendeeIds: [cast.lead.id, cast.guest.id, cast.member.id],
    });
    const attended = (await eventsOf(h, project.id)).filter((e) => e.verb === "meeting.attended");
    expect(attended).toHaveLength(3);
    for (const user of [cast.lead, cast.guest, cast.member]) {
      const mine = attended.filter((e) => e.actorId === user.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        objectType: "meeting",
        objectId: meeting.id,
        projectId: project.id,
        actorUnitId: user.unitId,
      });
    }
    const recorded = (await eventsOf(h, project.id)).filter((e) => e.verb === "meeting.attendance-recorded");
    expect(recorded.every((e) => e.actorId === cast.member.id)).toBe(true);
  });

  it("uses the attendee's unit at the time of recording", async () => {
    const { project, meeting, caller } = await meetingIn();
    const newUnit = await createUnit(h.services.db);
    await h.services.db.user.update({ where: { id: cast.guest.id }, data: { unitId: newUnit.id } });
    try {
      await caller.meetings.recordAttendance({ meetingId: meeting.id, version: 1, attendeeIds: [cast.guest.id] });
      const event = (await eventsOf(h, project.id)).find((e) => e.verb === "meeting.attended");
      expect(event).toMatchObject({ actorId: cast.guest.id, actorUnitId: newUnit.id });
    } finally {
      await h.services.db.user.update({ where: { id: cast.guest.id }, data: { unitId: cast.guest.unitId } });
    }
  });

  it("refuses attendees who are neither members nor invited, changing nothing", async () => {
    const { meeting, caller } = await meetingIn();
    const before = await snapshot(h);
    await expect(
      caller.meetings.recordAttendance({ meetingId: meeting.id, version: 1, attendeeIds: [cast.outsider.id] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "meetings.error.participantNotMember" });
    await expectUnchanged(h, before);
  });
});

describe("approval", () => {
  it("lets a lead or the creator approve; then the minutes are read-only and meeting.minutes-approved is written", async () => {
    const { project, meeting } = await meetingIn();
    const lead = await cast.as(cast.lead);
    const approved = await lead.meetings.approve({ meetingId: meeting.id, version: 1 });
    expect(approved).toMatchObject({
      status: "APPROVED",
      approvedBy: { id: cast.lead.id },
      canEdit: false,
      version: 2,
    });
    const event = (await eventsOf(h, project.id)).find((e) => e.verb === "meeting.minutes-approved");
    expect(event).toMatchObject({ objectType: "meeting", objectId: meeting.id, actorId: cast.lead.id });
    expect((event?.payload as { participantIds: string[] }).participantIds.sort()).toEqual(
      [cast.lead.id, cast.member.id, cast.guest.id].sort(),
    );
    const before = await snapshot(h);
    const member = await cast.as(cast.member);
    for (const attempt of [
      () => member.meetings.addAgendaItem({ meetingId: meeting.id, version: 2, title: "Nachtrag" }),
      () => member.meetings.update({ meetingId: meeting.id, version: 2, title: "Nachträglich" }),
      () => lead.meetings.approve({ meetingId: meeting.id, version: 2 }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "BAD_REQUEST", message: "meetings.error.approved" });
    }
    await expectUnchanged(h, before);
  });

  it("refuses approval by a member who did not call the meeting", async () => {
    const project = await castProject(h, cast);
    const lead = await cast.as(cast.lead);
    const meeting = await lead.meetings.create({
      projectId: project.id,
      title: "Von der Leitung",
      startsAt: "2026-05-05T10:00",
    });
    const member = await cast.as(cast.member);
    expect((await member.meetings.get({ id: meeting.id })).canApprove).toBe(false);
    await expect(member.meetings.approve({ meetingId: meeting.id, version: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("PDF export", () => {
  it("exports tagged PDF minutes with German umlauts", async () => {
    const { meeting, caller } = await meetingIn();
    await caller.meetings.updateAgendaItem({
      meetingId: meeting.id,
      version: 1,
      itemId: meeting.agendaItems[0]!.id,
      notes: "Prüfung der Größenordnung für Bürgerbüros; Rückmeldung von Jěwa Łužańska (Wótrěd kultura)",
    });
    const { filename, contentBase64 } = await caller.meetings.exportPdf({ id: meeting.id });
    expect(filename).toBe(`Protokoll-${meeting.projectKey}-2026-03-10.pdf`);
    const pdf = Buffer.from(contentBase64, "base64");
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("/Lang (de-DE)");
    const text = pdfText(pdf);
    expect(text).toContain("Projektsitzung M");
    expect(text.replace(/\n/g, "")).toContain("Größenordnung für Bürgerbüros");
    // Lower Sorbian names survive (the standard PDF fonts would drop ě, ł and ń).
    expect(text.replace(/\n/g, "")).toContain("Jěwa Łužańska (Wótrěd kultura)");
  });
});
