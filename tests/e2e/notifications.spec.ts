import { randomInt } from "node:crypto";
import { createContext } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { runReminders } from "@kreisnetz/api/notifications";
import { createCaller } from "@kreisnetz/api/router";
import { resolveSession } from "@kreisnetz/api/session";
import type { Db } from "@kreisnetz/db/client";
import ICAL from "ical.js";
import { expect, expectNoA11yViolations, heading, test, type TTestUser } from "./fixtures.ts";
import { e2e } from "./e2e-env.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

function projectKey(): string {
  return `N${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join("")}`;
}

/** Sets up a project through the API as `lead` would (setup only; the journey below uses the pages). */
async function projectWith(db: Db, token: string, lead: TTestUser, member: TTestUser) {
  const resolved = await resolveSession(db, token);
  if (!resolved) throw new Error("no session");
  const caller = createCaller(
    createContext(
      { db, events: new EventLog(db), sessionSecret: e2e.sessionSecret },
      { actor: resolved.actor, session: resolved.session, locale: "de", ip: "127.0.0.1", userAgent: "e2e" },
    ),
  );
  const key = projectKey();
  const project = await caller.projects.create({
    key,
    title: `Digitale Bauakte ${key}`,
    leadUnitId: lead.unitId,
    visibility: "MEMBERS",
  });
  await caller.projects.setMembers({
    projectId: project.id,
    members: [
      { userId: lead.id, role: "LEAD" },
      { userId: member.id, role: "MEMBER" },
    ],
  });
  return { id: project.id, key, title: `Digitale Bauakte ${key}` };
}

test("a deadline reaches the iCal feed, an overdue task the inbox, and a mention the mentioned person", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  // A long journey with seven axe runs and three browser contexts on a shared 2-core machine.
  test.slow();
  const lead = await makeUser();
  const member = await makeUser();
  const token = await login(page, lead);
  const project = await projectWith(db, token, lead, member);

  // The lead creates an overdue task assigned to themselves on the board page.
  await page.goto(`/projects/${project.id}`);
  const newTask = page.getByRole("region", { name: "Neue Aufgabe" });
  await newTask.getByLabel("Titel", { exact: true }).fill("Bauantrag digital prüfen");
  await newTask.getByRole("group", { name: "Zuständige Personen" }).getByLabel(lead.name).check();
  await newTask.getByLabel("Fällig am", { exact: true }).fill("2026-01-15");
  await newTask.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await expect(page.getByText(`Die Aufgabe ${project.key}-1 wurde angelegt.`)).toBeVisible();
  const task = await db.task.findFirstOrThrow({ where: { projectId: project.id, number: 1 } });

  // iCal: create the address on the profile page, fetch it with the page's request context, parse it.
  await page.goto("/profile");
  await page.getByRole("button", { name: "Kalenderadresse erzeugen" }).click();
  const feedLink = page.getByTestId("calendar-url");
  await expect(feedLink).toHaveText(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  await expectNoA11yViolations(page);
  const feedUrl = (await feedLink.textContent())!.trim();
  const response = await page.request.get(feedUrl);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  expect(events.map((e) => e.uid)).toEqual([`task-${task.id}@kreisnetz`]);
  expect(events[0]!.summary).toBe(`Frist: ${project.key}-1 Bauantrag digital prüfen`);
  expect(events[0]!.startDate.toString()).toBe("2026-01-15");

  // Overdue: run the reminder job (as the server's periodic job does) against the same database.
  await runReminders({ db }, new Date("2026-02-01T09:00:00Z"));
  await page.goto("/notifications");
  await expect(heading(page)).toHaveText("Benachrichtigungen");
  const overdue = page.getByRole("link", {
    name: `${project.key}-1 „Bauantrag digital prüfen“ ist überfällig (fällig am 15.01.2026).`,
  });
  await expect(overdue).toBeVisible();
  await expect(page.getByTestId("notification-badge")).toHaveAccessibleName(/^Benachrichtigungen \d+ ungelesen$/);
  await expectNoA11yViolations(page);

  // The task page: a comment mentioning the member.
  await overdue.click();
  await expect(heading(page)).toHaveText(`${project.key}-1 Bauantrag digital prüfen`);
  await expectNoA11yViolations(page);

  // Edit the task itself: a description, a higher priority and a later deadline.
  const edit = page.locator("details.task-edit");
  await edit.getByText("Aufgabe bearbeiten").click();
  await edit.getByRole("textbox", { name: "Beschreibung" }).fill("Unterlagen der Antragstellerin sichten.");
  await edit.getByLabel("Priorität", { exact: true }).selectOption({ label: "Hoch" });
  await edit.getByLabel("Fällig am", { exact: true }).fill("2026-02-20");
  await expectNoA11yViolations(page);
  await edit.getByRole("button", { name: "Aufgabe speichern" }).click();
  await expect(page.locator(".rich-text")).toHaveText("Unterlagen der Antragstellerin sichten.");
  await expect(page.locator("dl.facts")).toContainText("20.02.2026");
  await expect(page.locator("dl.facts")).toContainText("Hoch");
  expect(await db.task.findUniqueOrThrow({ where: { id: task.id }, select: { priority: true } })).toEqual({
    priority: "HIGH",
  });
  await page.getByLabel("Neuer Kommentar").fill(`Bitte bis Freitag prüfen, @${member.name}.`);
  await page.getByRole("button", { name: "Kommentieren" }).click();
  await expect(page.locator(".comment-body")).toHaveText(`Bitte bis Freitag prüfen, @${member.name}.`);
  await expect(page.getByText(`Erwähnt: ${member.name}`)).toBeVisible();
  await expectNoA11yViolations(page);

  // An attachment: a PDF is stored and downloadable, an executable is refused with a message.
  const fileInput = page.getByLabel("Datei", { exact: true });
  await fileInput.setInputFiles({ name: "Lageplan.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Hochladen" }).click();
  const attachment = page.getByRole("link", { name: "Lageplan.pdf" });
  await expect(attachment).toBeVisible();
  const href = (await attachment.getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await download.body())).toEqual(PDF);
  await fileInput.setInputFiles({ name: "rechnung.pdf", mimeType: "application/pdf", buffer: EXE });
  await page.getByRole("button", { name: "Hochladen" }).click();
  await expect(page.getByRole("alert")).toHaveText("Dieser Dateityp ist nicht erlaubt.");
  await expectNoA11yViolations(page);

  // Outsiders get 404 for the members-only task page and its attachment.
  const outsider = await makeUser();
  const outsiderContext = await browser.newContext({ baseURL: e2e.baseUrl, locale: "de-DE" });
  const outsiderPage = await outsiderContext.newPage();
  await login(outsiderPage, outsider);
  expect((await outsiderPage.goto(`/projects/${project.id}/tasks/${task.id}`))?.status()).toBe(404);
  expect((await outsiderPage.request.get(href)).status()).toBe(404);
  await outsiderContext.close();

  // The member finds the mention in their inbox (the outbox delivers after commit).
  const memberContext = await browser.newContext({ baseURL: e2e.baseUrl, locale: "de-DE" });
  const memberPage = await memberContext.newPage();
  await login(memberPage, member);
  await expect
    .poll(async () => {
      await memberPage.goto("/notifications");
      return memberPage.getByRole("link", { name: new RegExp(`hat Sie bei ${project.key}-1`) }).count();
    })
    .toBe(1);
  await expect(memberPage.getByTestId("notification-badge")).toHaveAccessibleName("Benachrichtigungen 1 ungelesen");
  await expectNoA11yViolations(memberPage);
  await memberPage.getByRole("button", { name: "Alle als gelesen markieren" }).click();
  await expect(memberPage.getByTestId("notification-badge")).toHaveAccessibleName("Benachrichtigungen");

  // Revoking the feed makes its address answer 404.
  await page.goto("/profile");
  await page.getByRole("button", { name: "Abonnement widerrufen" }).click();
  await expect(page.getByText("Das Kalender-Abonnement wurde widerrufen.")).toBeVisible();
  expect((await page.request.get(feedUrl)).status()).toBe(404);
  await memberContext.close();
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the task page, the inbox and the profile fit without sideways scrolling", async ({
    page,
    makeUser,
    login,
    db,
  }) => {
    // Seven page loads with axe at phone size; CI has two cores for server, database and browser.
    test.slow();
    const lead = await makeUser();
    const member = await makeUser();
    const token = await login(page, lead);
    const project = await projectWith(db, token, lead, member);
    await page.goto(`/projects/${project.id}`);
    const newTask = page.getByRole("region", { name: "Neue Aufgabe" });
    await newTask
      .getByLabel("Titel", { exact: true })
      .fill("Sehr langer Aufgabentitel für die Straßenbaumaßnahme Kreisstraße");
    await newTask.getByRole("group", { name: "Zuständige Personen" }).getByLabel(lead.name).check();
    await newTask.getByRole("button", { name: "Aufgabe anlegen" }).click();
    await expect(page.getByText(`Die Aufgabe ${project.key}-1 wurde angelegt.`)).toBeVisible();
    await page.getByRole("link", { name: /Sehr langer Aufgabentitel/ }).click();
    await expect(heading(page)).toContainText(`${project.key}-1`);
    await page.getByLabel("Neuer Punkt").fill("Verkehrsrechtliche Anordnung beantragen");
    await page.getByRole("button", { name: "Hinzufügen" }).click();
    await expect(page.getByText("0 von 1 erledigt")).toBeVisible();
    await page.getByRole("button", { name: "Erledigt: Verkehrsrechtliche Anordnung beantragen" }).click();
    await expect(page.getByText("1 von 1 erledigt")).toBeVisible();
    for (const path of [page.url(), "/notifications", "/profile"]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoA11yViolations(page);
    }
  });
});
