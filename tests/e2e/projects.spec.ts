import { randomInt } from "node:crypto";
import { createUnit } from "@kreisnetz/seeds/factories";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoA11yViolations, heading, test } from "./fixtures.ts";

/** A fresh project key: 2 to 10 capital letters. */
function projectKey(): string {
  return `E${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join("")}`;
}

/** Presses Tab until `target` has focus, as a keyboard user would walk through the page. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the control was not reached with the Tab key");
}

test("a member creates a members-only project, adds tasks and moves one by keyboard; outsiders see nothing", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const lead = await makeUser();
  const outsider = await makeUser();
  const [leadUnit, outsiderUnit, extraUnit] = await Promise.all([
    db.orgUnit.findUniqueOrThrow({ where: { id: lead.unitId } }),
    db.orgUnit.findUniqueOrThrow({ where: { id: outsider.unitId } }),
    createUnit(db),
  ]);
  const key = projectKey();
  const title = `Breitbandausbau ${key}`;
  await login(page, lead);

  await page.goto("/projects");
  await expect(heading(page)).toHaveText("Projekte");
  await expect(page.getByRole("link", { name: "Meine Aufgaben" })).toBeVisible();
  await expectNoA11yViolations(page);

  const create = page.getByRole("region", { name: "Projekt anlegen" });
  await create.getByLabel("Projektkürzel", { exact: true }).fill(key);
  await create.getByLabel("Titel", { exact: true }).fill(title);
  await expect(create.getByLabel("Federführende Einheit", { exact: true })).toHaveValue(leadUnit.id);
  const units = create.getByRole("group", { name: "Beteiligte Einheiten" });
  await units.getByLabel(`${outsiderUnit.name} (${outsiderUnit.code})`).check();
  await units.getByLabel(`${extraUnit.name} (${extraUnit.code})`).check();
  await create.getByRole("group", { name: "Sichtbarkeit" }).getByLabel("Nur für Mitglieder").check();
  await create.getByLabel("Beginn", { exact: true }).fill("2026-01-01");
  await create.getByLabel("Ende", { exact: true }).fill("2027-12-31");
  await create.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByText(`Das Projekt ${key} wurde angelegt.`)).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: title })).toBeVisible();

  const project = await db.project.findUniqueOrThrow({ where: { key }, include: { units: true } });
  expect(project).toMatchObject({ visibility: "MEMBERS", leadUnitId: leadUnit.id });
  expect(project.units.map((u) => u.unitId)).toEqual(expect.arrayContaining([outsiderUnit.id, extraUnit.id]));

  await page.getByRole("link", { name: `Projekt ${key} öffnen` }).click();
  await expect(heading(page)).toHaveText(`${key} ${title}`);
  await expect(page.getByText(`${lead.name} – Leitung`)).toBeVisible();

  // Two tasks: the first overdue, assigned to the lead.
  const newTask = page.getByRole("region", { name: "Neue Aufgabe" });
  await newTask.getByLabel("Titel", { exact: true }).fill("Förderantrag stellen");
  await newTask.getByRole("group", { name: "Zuständige Personen" }).getByLabel(lead.name).check();
  await newTask.getByLabel("Fällig am", { exact: true }).fill("2020-03-31");
  await newTask.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await expect(page.getByText(`Die Aufgabe ${key}-1 wurde angelegt.`)).toBeVisible();
  await newTask.getByLabel("Titel", { exact: true }).fill("Trassen abstimmen");
  await newTask.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await expect(page.getByText(`Die Aufgabe ${key}-2 wurde angelegt.`)).toBeVisible();

  const open = page.getByRole("region", { name: /^Offen/ });
  const inProgress = page.getByRole("region", { name: /^In Arbeit/ });
  await expect(open.getByRole("listitem")).toHaveCount(2);
  await expect(open.getByRole("heading", { name: "Offen (Aufgaben: 2)" })).toBeVisible();
  const firstCard = open.getByRole("listitem").filter({ hasText: `${key}-1` });
  await expect(firstCard.getByText("überfällig")).toBeVisible();
  await expectNoA11yViolations(page);

  // Keyboard only: Tab to the card's "Status" select, pick "In Arbeit" with the arrow key, Enter on the button.
  const select = firstCard.getByLabel("Status", { exact: true });
  await tabTo(page, select);
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue(await select.locator("option", { hasText: "In Arbeit" }).getAttribute("value") ?? "");
  await page.keyboard.press("Tab");
  await expect(firstCard.getByRole("button", { name: "Verschieben", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Die Aufgabe ${key}-1 wurde nach „In Arbeit“ verschoben.`)).toBeVisible();
  await expect(inProgress.getByRole("listitem").filter({ hasText: `${key}-1` })).toBeVisible();
  await expect(open.getByRole("listitem")).toHaveCount(1);
  await expect(inProgress.getByRole("heading", { name: "In Arbeit (Aufgaben: 1)" })).toBeVisible();
  await expectNoA11yViolations(page);

  // Someone else changed the second task meanwhile: the stale move is refused with the conflict message.
  await db.task.updateMany({ where: { projectId: project.id, number: 2 }, data: { version: { increment: 1 } } });
  const secondCard = open.getByRole("listitem").filter({ hasText: `${key}-2` });
  await secondCard.getByLabel("Status", { exact: true }).selectOption({ label: "Erledigt" });
  await secondCard.getByRole("button", { name: "Verschieben", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Die Aufgabe wurde inzwischen von jemand anderem geändert");
  await expect(open.getByRole("listitem").filter({ hasText: `${key}-2` })).toBeVisible();

  // At 360 px the columns stack and nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  const [openBox, progressBox] = await Promise.all([open.boundingBox(), inProgress.boundingBox()]);
  expect(progressBox!.y).toBeGreaterThan(openBox!.y + openBox!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto("/projects/my-tasks");
  await expect(heading(page)).toHaveText("Meine Aufgaben");
  const row = page.getByRole("row").filter({ hasText: `${key}-1` });
  await expect(row).toContainText("Förderantrag stellen");
  await expect(row).toContainText(title);
  await expect(row).toContainText("In Arbeit");
  await expect(row).toContainText("überfällig");
  await expectNoA11yViolations(page);

  // Someone from a participating unit who is no member: the project does not exist for them.
  const context = await browser.newContext();
  const other = await context.newPage();
  await login(other, outsider);
  const response = await other.goto(`/projects/${project.id}`);
  expect(response?.status()).toBe(404);
  await expect(heading(other)).toHaveText("Seite nicht gefunden");
  await other.goto("/projects");
  await expect(heading(other)).toHaveText("Projekte");
  await expect(other.getByText(key)).toHaveCount(0);
  await context.close();
});
