import { expect, expectNoA11yViolations, heading, test } from "./fixtures.ts";

test("choosing English on the profile switches the interface", async ({ page, makeUser, login }) => {
  const user = await makeUser();
  await login(page, user);
  await page.goto("/profile");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  await page.getByLabel("Sprache", { exact: true }).selectOption({ label: "English" });
  await page
    .getByLabel("Sprache", { exact: true })
    .locator("xpath=ancestor::form")
    .getByRole("button", { name: "Speichern" })
    .click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(
    page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" }),
  ).toBeVisible();
  await expect(heading(page)).toHaveText("Profile");
  await expectNoA11yViolations(page);

  await page.goto("/");
  await expect(heading(page)).toHaveText(`Welcome, ${user.name}`);
  await expectNoA11yViolations(page);
});

test("Lower Sorbian greets in dsb and falls back to German where untranslated", async ({ page, makeUser, login }) => {
  const user = await makeUser();
  await login(page, user);
  await page.goto("/profile");
  await page.getByLabel("Sprache", { exact: true }).selectOption("dsb");
  await page
    .getByLabel("Sprache", { exact: true })
    .locator("xpath=ancestor::form")
    .getByRole("button", { name: "Speichern" })
    .click();
  await expect(page.locator("html")).toHaveAttribute("lang", "dsb");
  await expect(page.getByRole("status")).toHaveText("Składowane.");
  await expectNoA11yViolations(page);

  await page.goto("/");
  await expect(heading(page)).toHaveText(`Witajśo, ${user.name}`);
  await expect(page.getByRole("heading", { name: "Waša organizaciska jadnotka" })).toBeVisible();
  // Not translated into dsb yet: the German text stands in.
  await expect(page.getByRole("heading", { name: "Kolleginnen und Kollegen in Ihrer Einheit" })).toBeVisible();
  await expectNoA11yViolations(page);
});
