import { expect, expectNoA11yViolations, heading, mainNav, test } from "./fixtures.ts";

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the start page does not scroll sideways and the navigation is reachable", async ({ page, makeUser, login }) => {
    const user = await makeUser();
    await login(page, user);
    await page.goto("/");
    await expect(heading(page)).toHaveText(`Willkommen, ${user.name}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoA11yViolations(page);

    const links = mainNav(page).getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(5);
    for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeInViewport({ ratio: 1 });

    await mainNav(page).getByRole("link", { name: "Projekte" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(heading(page)).toHaveText("Projekte");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoA11yViolations(page);
  });
});

test("the skip link is the first tab stop and moves focus to the main content", async ({ page, makeUser, login }) => {
  await login(page, await makeUser());
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expectNoA11yViolations(page);
});

test("an unknown address shows the friendly 404 page", async ({ page, makeUser, login }) => {
  await login(page, await makeUser());
  const response = await page.goto("/gibt-es-nicht/wirklich");
  expect(response?.status()).toBe(404);
  await expect(heading(page)).toHaveText("Seite nicht gefunden");
  await expect(page.getByRole("link", { name: "Zur Startseite" })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("the 404 page also works without a login", async ({ page }) => {
  const response = await page.goto("/gibt-es-nicht");
  expect(response?.status()).toBe(404);
  await expect(heading(page)).toHaveText("Seite nicht gefunden");
  await expectNoA11yViolations(page);
});
