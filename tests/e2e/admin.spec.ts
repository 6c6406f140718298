import { randomUUID } from "node:crypto";
import { expect, expectNoA11yViolations, heading, submitLogin, test } from "./fixtures.ts";

test("an admin creates a unit and a user in it; the new person must choose a password first", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const admin = await makeUser({ roles: ["STAFF", "ADMIN"], totp: true });
  await login(page, admin);
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const code = `E2E-${suffix}`;
  const unitName = `Projektbüro Strukturwandel ${suffix}`;

  await page.goto("/admin/units");
  await expect(heading(page)).toHaveText("Organisationseinheiten");
  await expectNoA11yViolations(page);
  await page.getByLabel("Kürzel").fill(code);
  await page.getByLabel("Bezeichnung", { exact: true }).fill(unitName);
  await page.getByLabel("Art").selectOption("SACHGEBIET");
  const parentSelect = page.getByLabel("Übergeordnete Einheit");
  const parentValue = await parentSelect.locator("option", { hasText: "Koordinierungsstelle für Digitalisierung" }).getAttribute("value");
  await parentSelect.selectOption(parentValue ?? "");
  await page.getByRole("button", { name: "Anlegen", exact: true }).click();
  await expect(page.getByText(`Die Einheit ${code} wurde angelegt.`)).toBeVisible();
  await expect(page.getByRole("list", { name: /Organisation/ }).getByText(unitName)).toBeVisible();
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { code }, include: { parent: true } });
  expect(unit.parent?.name).toBe("Koordinierungsstelle für Digitalisierung");

  // The same code again is refused with a field message, and nothing is created.
  await page.getByLabel("Kürzel").fill(code);
  await page.getByLabel("Bezeichnung", { exact: true }).fill("Doppelt");
  await page.getByLabel("Art").selectOption("SACHGEBIET");
  await page.getByRole("button", { name: "Anlegen", exact: true }).click();
  await expect(page.getByLabel("Kürzel")).toHaveAttribute("aria-invalid", "true");
  expect(await db.orgUnit.count({ where: { name: "Doppelt" } })).toBe(0);

  const email = `neu-${suffix.toLowerCase()}@test.kreisnetz.de`;
  await page.goto("/admin/users");
  await expect(heading(page)).toHaveText("Benutzerkonten");
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Mila Nowakowa");
  await page.getByLabel("Organisationseinheit", { exact: true }).last().selectOption({ label: `${unitName} (${code})` });
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  const password = (await page.getByTestId("initial-password").textContent())?.trim() ?? "";
  expect(password.length).toBeGreaterThanOrEqual(12);
  await expectNoA11yViolations(page);
  const created = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  expect(created).toMatchObject({ unitId: unit.id, mustChangePassword: true, roles: ["STAFF"] });
  expect(created.memberships).toHaveLength(1);

  const audit = await db.auditLog.findMany({ where: { actorId: admin.id }, orderBy: { id: "asc" } });
  expect(audit.map((a) => a.action)).toEqual(["org-unit.create", "user.create"]);

  await page.goto("/admin/audit");
  await expect(heading(page)).toHaveText("Protokoll der Verwaltungsaktionen");
  const auditTable = page.getByRole("table");
  await expect(auditTable.getByText("org-unit.create").first()).toBeVisible();
  await expect(auditTable.getByText("user.create").first()).toBeVisible();
  await expectNoA11yViolations(page);

  // The new person logs in with the initial password and is held on the profile page.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto("/login");
  await submitLogin(newcomer, { email, password });
  await expect(newcomer).toHaveURL(/\/profile$/);
  await expect(newcomer.getByText("Bitte vergeben Sie ein eigenes Passwort, bevor Sie fortfahren.")).toBeVisible();
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL(/\/profile$/);
  await newcomer.getByLabel("Aktuelles Passwort").first().fill(password);
  await newcomer.getByLabel("Neues Passwort", { exact: true }).fill("Lausitzer-Seenland-2030");
  await newcomer.getByLabel("Neues Passwort wiederholen").fill("Lausitzer-Seenland-2030");
  await newcomer.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(newcomer.getByText("Ihr Passwort wurde geändert.", { exact: false })).toBeVisible();
  await newcomer.goto("/");
  await expect(heading(newcomer)).toHaveText("Willkommen, Mila Nowakowa");
  await context.close();
});
