import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, failure, projectCast } from "../../../test/projects.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

beforeAll(async () => {
  cast = await projectCast(h);
});

function tokenOf(path: string): string {
  const match = /^\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(path);
  if (!match) throw new Error(`unexpected feed path ${path}`);
  return match[1]!;
}

async function feed(token: string) {
  return h.anonymousCaller().calendar.feed({ token, publicUrl: "https://kreisnetz.test" });
}

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("iCal feed", () => {
  it("holds the person's open assigned deadlines as all-day events and nothing else", async () => {
    const project = await castProject(h, cast);
    const member = await cast.as(cast.member);
    const mine = await member.tasks.create({
      projectId: project.id,
      title: "Antrag, Teil 2; mit Anlagen",
      assigneeIds: [cast.member.id],
      dueDate: "2026-06-30",
    });
    await member.tasks.create({ projectId: project.id, title: "Ohne Frist", assigneeIds: [cast.member.id] });
    await member.tasks.create({
      projectId: project.id,
      title: "Fremde Frist",
      assigneeIds: [cast.lead.id],
      dueDate: "2026-06-01",
    });
    const { path } = await member.calendar.regenerate();
    const ics = await feed(tokenOf(path));
    expect(ics).not.toBeNull();
    expect(ics!.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const parsed = events(ics!);
    expect(parsed.map((e) => e.uid)).toEqual([`task-${mine.id}@kreisnetz`]);
    expect(parsed[0]!.summary).toBe(`Frist: ${mine.key} Antrag, Teil 2; mit Anlagen`);
    expect(parsed[0]!.startDate.isDate).toBe(true);
    expect(parsed[0]!.startDate.toString()).toBe("2026-06-30");
    expect(parsed[0]!.description).toContain(`https://kreisnetz.test/projects/${project.id}/tasks/${mine.id}`);
    await expect(member.calendar.status()).resolves.toMatchObject({ active: true });
    expect(await h.services.db.calendarFeed.count({ where: { tokenHash: tokenOf(path) } })).toBe(0);
  });

  it("holds the milestones and meetings of the person's projects, on their Berlin day, and not for outsiders", async () => {
    const project = await castProject(h, cast, { visibility: "MEMBERS" });
    const lead = await cast.as(cast.lead);
    const milestones = await lead.milestones.create({ projectId: project.id, title: "Abnahme", dueDate: "2026-09-15" });
    const milestone = milestones.find((m) => m.title === "Abnahme")!;
    const meeting = await lead.meetings.create({
      projectId: project.id,
      title: "Projektsitzung",
      startsAt: "2026-10-01T23:30",
    });
    const member = await cast.as(cast.member);
    const ics = await feed(tokenOf((await member.calendar.regenerate()).path));
    const parsed = events(ics!);
    const byUid = new Map(parsed.map((e) => [e.uid, e]));
    expect(byUid.get(`milestone-${milestone.id}@kreisnetz`)?.startDate.toString()).toBe("2026-09-15");
    expect(byUid.get(`milestone-${milestone.id}@kreisnetz`)?.summary).toBe("Meilenstein: Abnahme");
    // 23:30 in Berlin is already the next day in UTC: the entry stays on the Berlin day.
    expect(byUid.get(`meeting-${meeting.id}@kreisnetz`)?.startDate.toString()).toBe("2026-10-01");
    expect(byUid.get(`meeting-${meeting.id}@kreisnetz`)?.summary).toBe("Sitzung 23:30: Projektsitzung");
    const outsider = await cast.as(cast.outsider);
    const theirs = events((await feed(tokenOf((await outsider.calendar.regenerate()).path)))!).map((e) => e.uid);
    expect(theirs).not.toContain(`milestone-${milestone.id}@kreisnetz`);
    expect(theirs).not.toContain(`meeting-${meeting.id}@kreisnetz`);
  });

  it("drops a members-only project's tasks once the person is removed from it", async () => {
    const person = await h.userWith(["STAFF"]);
    const project = await castProject(h, cast, { visibility: "MEMBERS", extra: [{ user: person, role: "MEMBER" }] });
    const lead = await cast.as(cast.lead);
    const task = await lead.tasks.create({
      projectId: project.id,
      title: "Vertraulich",
      assigneeIds: [person.id],
      dueDate: "2026-05-05",
    });
    const { path } = await (await h.callerFor(person)).calendar.regenerate();
    expect(events((await feed(tokenOf(path)))!).map((e) => e.uid)).toEqual([`task-${task.id}@kreisnetz`]);
    // A guest keeps read access but no assignments (ADR 0006); removal drops the project altogether.
    await lead.projects.removeMember({ projectId: project.id, userId: person.id });
    expect(events((await feed(tokenOf(path)))!)).toEqual([]);
  });

  it("answers revoked, replaced and unknown tokens with null (404)", async () => {
    const caller = await h.callerFor(cast.guest);
    const first = tokenOf((await caller.calendar.regenerate()).path);
    const second = tokenOf((await caller.calendar.regenerate()).path);
    expect(await feed(first)).toBeNull();
    expect(await feed(second)).not.toBeNull();
    await expect(caller.calendar.revoke()).resolves.toEqual({ active: false });
    expect(await feed(second)).toBeNull();
    expect(await feed("not-a-token")).toBeNull();
    await expect(caller.calendar.status()).resolves.toEqual({ active: false, createdAt: null });
  });

  it("needs a login to manage the feed", async () => {
    const anonymous = h.anonymousCaller();
    for (const call of [
      () => anonymous.calendar.status(),
      () => anonymous.calendar.regenerate(),
      () => anonymous.calendar.revoke(),
    ]) {
      expect(await failure(call())).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });
});
