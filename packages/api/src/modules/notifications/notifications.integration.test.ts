import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, failure, projectCast } from "../../../test/projects.ts";
import { startSmtpReceiver } from "../../../test/smtp.ts";
import { berlinToday } from "../tasks/rules.ts";
import { createNotifier, runReminders } from "./notifier.ts";
import { notify } from "./notify.ts";
import * as repo from "./repo.ts";
import { deadlineAssignments } from "./repo.ts";
import { addDays, MAIL_LEASE_MS, MAIL_MAX_AGE_MS } from "./rules.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let deps: Parameters<typeof runReminders>[0];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  deps = { db: h.services.db, mailer: smtp.mailer, publicUrl: "https://kreisnetz.test" };
  h.services.events.register(createNotifier(deps));
  cast = await projectCast(h);
});

afterAll(async () => {
  await smtp?.stop();
});

async function emailOf(userId: string) {
  return (await h.services.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email;
}

function mailsTo(email: string) {
  return smtp.received.filter((m) => m.to.includes(email));
}

async function inboxOf(userId: string) {
  return (await h.callerFor({ id: userId })).notifications.list();
}

const today = () => berlinToday(new Date());

describe("notifier: assignment", () => {
  it("tells the assignee in the inbox and by e-mail, once, and never the person who assigned", async () => {
    const project = await castProject(h, cast);
    const member = await cast.as(cast.member);
    const task = await member.tasks.create({
      projectId: project.id,
      title: "Fördermittelantrag stellen",
      assigneeIds: [cast.lead.id, cast.member.id],
    });
    await h.services.events.kick();

    const inbox = await inboxOf(cast.lead.id);
    const mine = inbox.filter((n) => n.url === `/projects/${project.id}/tasks/${task.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "TASK_ASSIGNED", read: false });
    expect(mine[0]!.text).toContain(task.key);
    expect((await inboxOf(cast.member.id)).some((n) => n.url.includes(task.id))).toBe(false);

    const mails = mailsTo(await emailOf(cast.lead.id)).filter((m) => m.subject.includes(task.key));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Fördermittelantrag stellen");
    expect(mails[0]!.text).toContain(`https://kreisnetz.test/projects/${project.id}/tasks/${task.id}`);

    // A redelivered event (crash, retry) changes nothing.
    await h.services.db.eventDelivery.updateMany({
      where: { handler: "notifier" },
      data: { status: "PENDING", nextAttemptAt: new Date() },
    });
    await h.services.events.kick();
    expect((await inboxOf(cast.lead.id)).filter((n) => n.url.includes(task.id))).toHaveLength(1);
    expect(mailsTo(await emailOf(cast.lead.id)).filter((m) => m.subject.includes(task.key))).toHaveLength(1);
  });
});

describe("notifier: mentions", () => {
  it("tells the people mentioned, and on an edit only those newly mentioned", async () => {
    const project = await castProject(h, cast, { visibility: "MEMBERS" });
    const member = await cast.as(cast.member);
    const task = await member.tasks.create({ projectId: project.id, title: "Datenschutzfolgenabschätzung" });
    const comment = await member.taskDetails.addComment({
      taskId: task.id,
      body: "Bitte ansehen",
      mentionIds: [cast.guest.id],
    });
    await h.services.events.kick();
    const guestInbox = await inboxOf(cast.guest.id);
    expect(guestInbox.filter((n) => n.kind === "MENTIONED" && n.url.includes(task.id))).toHaveLength(1);
    expect((await inboxOf(cast.lead.id)).some((n) => n.kind === "MENTIONED" && n.url.includes(task.id))).toBe(false);

    await member.taskDetails.editComment({
      id: comment.id,
      body: "Bitte ansehen",
      mentionIds: [cast.guest.id, cast.lead.id],
    });
    await h.services.events.kick();
    expect(
      (await inboxOf(cast.guest.id)).filter((n) => n.kind === "MENTIONED" && n.url.includes(task.id)),
    ).toHaveLength(1);
    expect((await inboxOf(cast.lead.id)).filter((n) => n.kind === "MENTIONED" && n.url.includes(task.id))).toHaveLength(
      1,
    );
    expect(mailsTo(await emailOf(cast.guest.id)).filter((m) => m.subject.includes(task.key))).toHaveLength(1);
  });
});

describe("reminder job", () => {
  it("notifies assignees of tasks due within 24 hours and overdue ones, once per due date", async () => {
    const project = await castProject(h, cast);
    const member = await cast.as(cast.member);
    const overdue = await member.tasks.create({
      projectId: project.id,
      title: "Haushaltsanmeldung",
      assigneeIds: [cast.member.id],
      dueDate: addDays(today(), -2),
    });
    const soon = await member.tasks.create({
      projectId: project.id,
      title: "Ausschreibung veröffentlichen",
      assigneeIds: [cast.member.id],
      dueDate: addDays(today(), 1),
    });
    const later = await member.tasks.create({
      projectId: project.id,
      title: "Abnahme",
      assigneeIds: [cast.member.id],
      dueDate: addDays(today(), 10),
    });
    await runReminders(deps);
    await expect(runReminders(deps)).resolves.toMatchObject({ created: 0 });
    // Reminders already given are not even looked at again.
    const candidates = await deadlineAssignments(h.services.db, today(), addDays(today(), 1));
    expect(candidates.some((r) => r.taskId === overdue.id || r.taskId === soon.id)).toBe(false);
    const inbox = await inboxOf(cast.member.id);
    expect(inbox.filter((n) => n.url.includes(overdue.id)).map((n) => n.kind)).toEqual(["TASK_OVERDUE"]);
    expect(inbox.filter((n) => n.url.includes(soon.id)).map((n) => n.kind)).toEqual(["TASK_DUE_SOON"]);
    expect(inbox.some((n) => n.url.includes(later.id))).toBe(false);
    // Overdue goes by e-mail by default, "due soon" only to the inbox.
    const mails = mailsTo(await emailOf(cast.member.id));
    expect(mails.filter((m) => m.subject.includes(overdue.key))).toHaveLength(1);
    expect(mails.some((m) => m.subject.includes(soon.key))).toBe(false);

    // A new due date is a new occasion.
    const fresh = await member.tasks.get({ id: overdue.id });
    await member.tasks.update({ id: overdue.id, version: fresh.version, dueDate: addDays(today(), -1) });
    await runReminders(deps);
    expect((await inboxOf(cast.member.id)).filter((n) => n.url.includes(overdue.id))).toHaveLength(2);
  });

  it("never tells someone who cannot read the project, and hides old items once they leave it", async () => {
    const project = await castProject(h, cast, { visibility: "MEMBERS" });
    const leaver = await h.userWith(["STAFF"]);
    const lead = await cast.as(cast.lead);
    await lead.projects.addMember({ projectId: project.id, userId: leaver.id, role: "MEMBER" });
    const task = await lead.tasks.create({
      projectId: project.id,
      title: "Vertrauliche Personalsache",
      assigneeIds: [leaver.id],
      dueDate: addDays(today(), -1),
    });
    await runReminders(deps);
    await h.services.events.kick();
    expect(
      (await inboxOf(leaver.id))
        .filter((n) => n.url.includes(task.id))
        .map((n) => n.kind)
        .sort(),
    ).toEqual(["TASK_ASSIGNED", "TASK_OVERDUE"]);
    await lead.projects.removeMember({ projectId: project.id, userId: leaver.id });
    expect((await inboxOf(leaver.id)).some((n) => n.url.includes(task.id))).toBe(false);
    expect((await (await h.callerFor(leaver)).notifications.unreadCount()).count).toBe(0);

    const written = await notify(h.services.db, {
      userIds: [leaver.id, cast.outsider.id, cast.member.id],
      kind: "TASK_OVERDUE",
      objectType: "task",
      objectId: task.id,
      projectId: project.id,
      occasion: "manual",
      params: { key: task.key, title: task.title, due: "01.01.2026" },
      url: `/projects/${project.id}/tasks/${task.id}`,
    });
    expect(written).toBe(1);
    expect(
      await h.services.db.notification.count({ where: { objectId: task.id, dedupeKey: { endsWith: ":manual" } } }),
    ).toBe(1);
  });
});

describe("minutes approved", () => {
  it("tells the project's members (not the approver, not outsiders) about a meeting.minutes-approved event", async () => {
    const project = await castProject(h, cast, { visibility: "MEMBERS" });
    const meetingId = randomUUID();
    await h.services.db.$transaction((tx) =>
      h.services.events.record(tx, {
        actorId: cast.lead.id,
        actorUnitId: cast.lead.unitId,
        verb: "meeting.minutes-approved",
        objectType: "meeting",
        objectId: meetingId,
        projectId: project.id,
        payload: { title: "Projektsitzung 3", version: 2 },
      }),
    );
    await h.services.events.kick();
    for (const user of [cast.member, cast.guest]) {
      const hits = (await inboxOf(user.id)).filter(
        (n) => n.kind === "MINUTES_APPROVED" && n.text.includes("Projektsitzung 3"),
      );
      expect(hits).toHaveLength(1);
    }
    for (const user of [cast.lead, cast.outsider, cast.admin]) {
      expect(
        (await inboxOf(user.id)).some((n) => n.kind === "MINUTES_APPROVED" && n.text.includes("Projektsitzung 3")),
      ).toBe(false);
    }
  });
});

describe("preferences and digest", () => {
  it("honours off, inbox-only and e-mail per kind, and collects e-mail into one daily digest", async () => {
    const person = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(person);
    const defaults = await caller.notifications.preferences();
    expect(defaults.preferences.find((p) => p.kind === "TASK_ASSIGNED")?.channel).toBe("EMAIL");
    await caller.notifications.setPreferences({
      preferences: [
        { kind: "TASK_ASSIGNED", channel: "OFF" },
        { kind: "MENTIONED", channel: "IN_APP" },
      ],
    });
    const project = await castProject(h, cast, { extra: [{ user: person, role: "MEMBER" }] });
    const member = await cast.as(cast.member);
    const task = await member.tasks.create({ projectId: project.id, title: "Schulungsplan", assigneeIds: [person.id] });
    await member.taskDetails.addComment({ taskId: task.id, body: "Siehe oben", mentionIds: [person.id] });
    await h.services.events.kick();
    expect((await caller.notifications.list()).map((n) => n.kind)).toEqual(["MENTIONED"]);
    expect(mailsTo(person.email)).toHaveLength(0);

    await expect(
      caller.notifications.setPreferences({
        preferences: [{ kind: "TASK_ASSIGNED", channel: "EMAIL" }],
        dailyDigest: true,
      }),
    ).resolves.toMatchObject({ dailyDigest: true });
    const second = await member.tasks.create({ projectId: project.id, title: "Raumplanung", assigneeIds: [person.id] });
    const third = await member.tasks.create({ projectId: project.id, title: "Catering", assigneeIds: [person.id] });
    await h.services.events.kick();
    expect(mailsTo(person.email)).toHaveLength(0);
    const morning = new Date(`${addDays(today(), 1)}T08:00:00Z`);
    await runReminders(deps, morning);
    await runReminders(deps, morning);
    const digests = mailsTo(person.email);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain(second.key);
    expect(digests[0]!.text).toContain(third.key);
  });

  it("refuses a kind twice and unknown kinds, changing nothing", async () => {
    const person = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(person);
    await expect(
      caller.notifications.setPreferences({
        preferences: [
          { kind: "TASK_ASSIGNED", channel: "OFF" },
          { kind: "TASK_ASSIGNED", channel: "EMAIL" },
        ],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "notifications.error.duplicateKind" });
    await expect(
      caller.notifications.setPreferences({ preferences: [{ kind: "NOPE" as "TASK_ASSIGNED", channel: "OFF" }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await h.services.db.notificationPreference.count({ where: { userId: person.id } })).toBe(0);
  });

  it("retries a refused e-mail later instead of losing it", async () => {
    const project = await castProject(h, cast);
    const person = await h.userWith(["STAFF"]);
    await (await cast.as(cast.lead)).projects.addMember({ projectId: project.id, userId: person.id, role: "MEMBER" });
    smtp.setRefuse(true);
    const task = await (
      await cast.as(cast.member)
    ).tasks.create({ projectId: project.id, title: "Serverumzug", assigneeIds: [person.id] });
    await h.services.events.kick();
    expect(mailsTo(person.email)).toHaveLength(0);
    expect(
      await h.services.db.notification.findFirst({ where: { userId: person.id }, select: { emailState: true } }),
    ).toEqual({
      emailState: "PENDING",
    });
    smtp.setRefuse(false);
    await runReminders(deps);
    expect(mailsTo(person.email).filter((m) => m.subject.includes(task.key))).toHaveLength(1);
  });
});

describe("e-mail delivery", () => {
  it("sends an e-mail again whose sending was cut short (lease run out), and only once", async () => {
    const project = await castProject(h, cast);
    const person = await h.userWith(["STAFF"]);
    await (await cast.as(cast.lead)).projects.addMember({ projectId: project.id, userId: person.id, role: "MEMBER" });
    smtp.setRefuse(true);
    const task = await (
      await cast.as(cast.member)
    ).tasks.create({ projectId: project.id, title: "Druckerwechsel", assigneeIds: [person.id] });
    await h.services.events.kick();
    smtp.setRefuse(false);
    // A run takes the e-mail and dies before sending it.
    const leased = await repo.claimPendingMail(h.services.db, 50, MAIL_MAX_AGE_MS, MAIL_LEASE_MS);
    expect(leased.map((r) => r.userId)).toContain(person.id);
    const ofTask = () => mailsTo(person.email).filter((m) => m.subject.includes(task.key));
    // While its lease holds, no other run sends it ...
    await runReminders(deps);
    expect(ofTask()).toHaveLength(0);
    // ... once the lease has run out, the next run does, exactly once.
    await h.services.db.$executeRaw`
      UPDATE notification SET emailed_at = now() - interval '10 minutes' WHERE user_id = ${person.id}`;
    await runReminders(deps);
    await runReminders(deps);
    expect(ofTask()).toHaveLength(1);
    expect(
      await h.services.db.notification.findFirst({ where: { userId: person.id }, select: { emailState: true } }),
    ).toEqual({ emailState: "SENT" });
  });
});

describe("inbox procedures", () => {
  it("lists, counts and marks one's own notifications read; others' are NOT_FOUND", async () => {
    const person = await h.userWith(["STAFF"]);
    const other = await h.userWith(["STAFF"]);
    for (const occasion of ["a", "b", "c"]) {
      await notify(h.services.db, {
        userIds: [person.id, other.id],
        kind: "NEWS_MUST_READ",
        objectType: "news",
        objectId: "n1",
        occasion,
        params: { title: `Rundschreiben ${occasion}` },
        url: "/news",
        canRead: (userId) => userId === person.id,
      });
    }
    const caller = await h.callerFor(person);
    expect((await caller.notifications.unreadCount()).count).toBe(3);
    const [first] = await caller.notifications.list();
    expect(first!.text).toBe("Bitte lesen: „Rundschreiben c“.");
    await expect(caller.notifications.markRead({ id: first!.id })).resolves.toEqual({ count: 2 });
    expect(await caller.notifications.list({ unreadOnly: true, limit: 50 })).toHaveLength(2);
    const otherCaller = await h.callerFor(other);
    expect(await otherCaller.notifications.list()).toEqual([]);
    await expect(otherCaller.notifications.markRead({ id: first!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.notifications.markRead({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.notifications.markAllRead()).resolves.toEqual({ count: 0 });

    const anonymous = h.anonymousCaller();
    for (const call of [
      () => anonymous.notifications.list(),
      () => anonymous.notifications.unreadCount(),
      () => anonymous.notifications.markAllRead(),
      () => anonymous.notifications.markRead({ id: first!.id }),
      () => anonymous.notifications.preferences(),
      () => anonymous.notifications.setPreferences({ preferences: [] }),
    ]) {
      expect(await failure(call())).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });
});
