import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoA11yViolations, heading, test } from "./fixtures.ts";

function projectKey(): string {
  return `M${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join("")}`;
}

/** Presses Tab until `target` has focus, as a keyboard user would walk through the page. */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the control was not reached with the Tab key");
}

test("a cross-unit project: template, keyboard board, minutes whose action item becomes a task, outsiders locked out", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  test.setTimeout(120_000);
  // The lead's unit leads; two members come from two other units; the outsider is in a fourth.
  const [lead, memberA, memberB, outsider] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  const key = projectKey();
  const title = `E-Rechnung ${key}`;
  await login(page, lead);

  await page.goto("/projects");
  const create = page.getByRole("region", { name: "Projekt anlegen" });
  await create.getByLabel("Projektkürzel", { exact: true }).fill(key);
  await create.getByLabel("Titel", { exact: true }).fill(title);
  await create.getByRole("group", { name: "Sichtbarkeit" }).getByLabel("Nur für Mitglieder").check();
  await create.getByLabel("Beginn", { exact: true }).fill("2026-01-05");
  await create.getByLabel("Vorlage", { exact: true }).selectOption({ label: "Digitalisierungsprojekt" });
  await create.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByText(`Das Projekt ${key} wurde angelegt.`)).toBeVisible();

  const project = await db.project.findUniqueOrThrow({ where: { key } });
  expect(project.leadUnitId).toBe(lead.unitId);
  // Members from two other units (the member administration page is not part of this journey).
  await db.projectMember.createMany({
    data: [
      { projectId: project.id, userId: memberA.id, role: "MEMBER" },
      { projectId: project.id, userId: memberB.id, role: "MEMBER" },
    ],
  });
  expect(new Set([lead.unitId, memberA.unitId, memberB.unitId]).size).toBe(3);

  await page.goto(`/projects/${project.id}`);
  await expect(heading(page)).toHaveText(`${key} ${title}`);
  await expect(page.getByRole("heading", { name: "Fortschritt" })).toBeVisible();
  await expectNoA11yViolations(page);

  // The template's five tasks sit in "Anforderungen"; move the first one to the next column by keyboard.
  const first = page.getByRole("region", { name: /^Anforderungen/ });
  const next = page.getByRole("region", { name: /^In Umsetzung/ });
  await expect(first.getByRole("listitem")).toHaveCount(5);
  const nextButton = page.getByRole("button", { name: `${key}-1 nach „In Umsetzung“ verschieben` });
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("board-live")).toHaveText(`Die Aufgabe ${key}-1 wurde nach „In Umsetzung“ verschoben.`);
  await expect(next.getByRole("listitem").filter({ hasText: `${key}-1` })).toBeVisible();
  await expect(
    page.locator(`#card-${(await db.task.findFirstOrThrow({ where: { projectId: project.id, number: 1 } })).id}`),
  ).toBeFocused();
  await expectNoA11yViolations(page);

  // The other views of the project.
  await page.getByRole("link", { name: "Meilensteine" }).click();
  await expect(heading(page)).toHaveText("Meilensteine");
  await expect(page.getByRole("row").filter({ hasText: "Anforderungen abgestimmt" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Zeitleiste der Meilensteine/ })).toBeVisible();
  const milestoneRow = page.getByRole("row").filter({ hasText: "Anforderungen abgestimmt" });
  await milestoneRow.getByText("Bearbeiten").click();
  await milestoneRow.getByLabel("Titel", { exact: true }).fill("Anforderungen final abgestimmt");
  await expectNoA11yViolations(page);
  await milestoneRow.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Anforderungen final abgestimmt" })).toBeVisible();
  await page.goto(`/projects/${project.id}/list?sort=title`);
  await expect(page.getByRole("status").filter({ hasText: "5 Aufgaben" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto("/projects/calendar?month=2026-01");
  await expect(page.getByRole("table", { name: /Fristen im Januar 2026/ })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`${key}-1 Ist-Prozess aufnehmen`) })).toBeVisible();
  await expectNoA11yViolations(page);

  // Hold a meeting from the "Projektsitzung" template.
  await page.goto(`/projects/${project.id}/meetings`);
  await expect(heading(page)).toHaveText("Besprechungen");
  await expectNoA11yViolations(page);
  const form = page.getByRole("region", { name: "Neue Besprechung" });
  await form.getByLabel("Titel", { exact: true }).fill("Projektsitzung Januar");
  await form.getByLabel("Beginn", { exact: true }).fill("2026-01-20T09:30");
  await form.getByLabel("Ort", { exact: true }).fill("Beratungsraum 1");
  await form.getByLabel("Vorlage", { exact: true }).selectOption({ label: "Projektsitzung" });
  await form.getByRole("button", { name: "Besprechung anlegen" }).click();
  await expect(heading(page)).toHaveText("Protokoll: Projektsitzung Januar");
  const items = page.getByTestId("agenda-item");
  await expect(items).toHaveCount(4);
  await expectNoA11yViolations(page);

  // Change the header afterwards: a new room.
  await page.getByText("Titel, Zeit, Ort und Einladungen ändern").click();
  await page.getByLabel("Ort", { exact: true }).fill("Beratungsraum 2");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Besprechung speichern" }).click();
  await expect(page.getByTestId("minutes-live")).toHaveText("Gespeichert.");
  await expect(page.locator("dl.facts")).toContainText("Beratungsraum 2");
  await page.reload(); // clears the "Gespeichert." status, so the next save's status is its own
  await expect(page.getByTestId("minutes-live")).toHaveText("");

  // Attendance, then reorder by keyboard with an announcement.
  const attendance = page.getByRole("group", { name: "Anwesend" });
  await attendance.getByLabel(lead.name).check();
  await attendance.getByLabel(memberA.name).check();
  await attendance.getByLabel(memberB.name).check();
  await page.getByRole("button", { name: "Anwesenheit speichern" }).click();
  await expect(page.getByTestId("minutes-live")).toHaveText("Gespeichert.");
  const attended = await db.activityEvent.findMany({ where: { verb: "meeting.attended", projectId: project.id } });
  expect(attended.map((e) => e.actorUnitId).sort()).toEqual([lead.unitId, memberA.unitId, memberB.unitId].sort());

  const down = page.getByRole("button", { name: "Stand des Projekts und Meilensteine nach unten verschieben" });
  await tabTo(page, down);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("minutes-live")).toHaveText(
    "Stand des Projekts und Meilensteine ist jetzt Punkt 2 von 4.",
  );
  await expect(items.nth(1)).toContainText("2. Stand des Projekts und Meilensteine");

  // Notes, a decision and an action item for a member of another unit.
  const second = items.nth(1);
  await second.getByLabel("Notizen").fill("Pilot im Bürgerbüro läuft seit Montag.");
  await second.getByLabel("Beschluss").fill("Ausweitung auf das Straßenverkehrsamt.");
  await second.getByRole("button", { name: "Punkt speichern" }).click();
  await expect(page.getByTestId("minutes-live")).toHaveText("Gespeichert.");
  const actions = page.getByRole("region", { name: "Maßnahmen" }).first();
  await actions.getByLabel("Maßnahmen", { exact: true }).fill("Schulung Straßenverkehrsamt planen");
  await actions.getByLabel("Verantwortlich").selectOption({ label: memberA.name });
  await actions.getByLabel("Fällig am").fill("2026-02-15");
  await page.getByRole("button", { name: "Maßnahme hinzufügen" }).click();
  await page.getByRole("button", { name: "Schulung Straßenverkehrsamt planen als Aufgabe anlegen" }).click();
  await expect(page.getByTestId("action-task-key")).toHaveText(`${key}-6`);
  const task = await db.task.findFirstOrThrow({
    where: { projectId: project.id, number: 6 },
    include: { assignees: true },
  });
  expect(task.assignees.map((a) => a.userId)).toEqual([memberA.id]);
  expect(task.dueDate?.toISOString().slice(0, 10)).toBe("2026-02-15");
  await expectNoA11yViolations(page);

  // Approve: read-only afterwards; the PDF is there.
  await page.getByRole("button", { name: "Protokoll freigeben" }).click();
  await expect(page.getByTestId("minutes-status")).toHaveText("Freigegeben");
  await expect(page.getByRole("button", { name: "Punkt speichern" })).toHaveCount(0);
  await expect(page.getByText("Ausweitung auf das Straßenverkehrsamt.")).toBeVisible();
  const meetingUrl = page.url();
  const pdf = await page.request.get(`${meetingUrl}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expectNoA11yViolations(page);

  // The board shows where the task came from.
  await page.goto(`/projects/${project.id}`);
  const card = page.getByRole("listitem").filter({ hasText: `${key}-6` });
  await expect(card.getByRole("link", { name: "aus Protokoll „Projektsitzung Januar“" })).toBeVisible();

  // Not a member: neither the project nor its minutes exist.
  const context = await browser.newContext();
  const other = await context.newPage();
  await login(other, outsider);
  for (const url of [`/projects/${project.id}`, `/projects/${project.id}/meetings`, new URL(meetingUrl).pathname]) {
    const response = await other.goto(url);
    expect(response?.status()).toBe(404);
    await expect(heading(other)).toHaveText("Seite nicht gefunden");
  }
  await expectNoA11yViolations(other);
  await context.close();
});
