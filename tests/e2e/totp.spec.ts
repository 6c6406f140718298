import {
  enrolTotp,
  expect,
  expectNoA11yViolations,
  heading,
  nextTotp,
  submitLogin,
  test,
  wrongTotp,
} from "./fixtures.ts";

test("staff sets up TOTP, then logging in needs the second factor", async ({ page, makeUser, login }) => {
  const user = await makeUser();
  await login(page, user);
  await page.goto("/profile");
  await expect(page.getByText("Zwei-Faktor-Anmeldung ist nicht eingerichtet.")).toBeVisible();
  await expectNoA11yViolations(page);

  const { secret, recoveryCodes } = await enrolTotp(page);
  expect(recoveryCodes.every((code) => /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(code.trim()))).toBe(true);

  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1$/);

  await submitLogin(page, user);
  await expect(page).toHaveURL(/\/login\/totp/);
  await expect(heading(page)).toHaveText("Zweiter Faktor");
  await expectNoA11yViolations(page);

  await page.getByLabel("Code", { exact: true }).fill(wrongTotp(secret));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByRole("alert")).toHaveText("Der Code ist ungültig oder abgelaufen.");
  await expect(page).toHaveURL(/\/login\/totp/);
  await expectNoA11yViolations(page);

  // Password alone is only half a login: the start page is not reachable yet.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\/totp$/);

  await page.getByLabel("Code", { exact: true }).fill(nextTotp(secret));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(heading(page)).toHaveText(`Willkommen, ${user.name}`);
});

test("an admin without TOTP is sent to /profile until enrolled", async ({ page, makeUser, login }) => {
  const admin = await makeUser({ roles: ["STAFF", "ADMIN"] });
  await login(page, admin);
  const notice = page.getByRole("alert").filter({ hasText: "vorgeschrieben" });

  for (const target of ["/admin", "/"]) {
    await page.goto(target);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(notice).toBeVisible();
  }
  await expectNoA11yViolations(page);

  await enrolTotp(page);
  await expect(notice).toHaveCount(0);

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page)).toHaveText("Verwaltung");
  await expectNoA11yViolations(page);
});
