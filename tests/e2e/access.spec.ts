import { expect, expectNoA11yViolations, heading, mainNav, test } from "./fixtures.ts";

const usersList = `/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;

test("staff is refused the admin pages in the interface", async ({ page, makeUser, login }) => {
  const staff = await makeUser();
  await login(page, staff);

  await page.goto("/");
  await expect(mainNav(page).getByRole("link", { name: "Start" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Verwaltung" })).toHaveCount(0);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(heading(page)).toHaveText("Kein Zugriff");
  await expect(page.getByText("Für diese Seite fehlt Ihnen die Berechtigung.")).toBeVisible();
  await expectNoA11yViolations(page);
});

test("an admin with TOTP gets the Verwaltung link and page", async ({ page, makeUser, login }) => {
  const admin = await makeUser({ roles: ["STAFF", "ADMIN"], totp: true });
  await login(page, admin);
  await page.goto("/");
  await mainNav(page).getByRole("link", { name: "Verwaltung" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page)).toHaveText("Verwaltung");
  await expectNoA11yViolations(page);
});

test("admin endpoints answer 403 to staff and 401 to anonymous callers", async ({ page, request, makeUser, login }) => {
  const staff = await makeUser();
  await login(page, staff);

  // page.request shares the browser context's cookies: these calls carry the staff session.
  const adminPage = await page.request.get("/admin", { maxRedirects: 0 });
  expect(adminPage.status()).toBe(403);

  const forbidden = await page.request.get(usersList);
  expect(forbidden.status()).toBe(403);
  const forbiddenBody = await forbidden.json();
  expect(forbiddenBody.error.json.data.code).toBe("FORBIDDEN");
  expect(forbiddenBody.error.json.message).toBe("Dafür fehlt Ihnen die Berechtigung.");
  expect(JSON.stringify(forbiddenBody)).not.toContain("stack");

  const anonymous = await request.get(usersList);
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.json.data.code).toBe("UNAUTHORIZED");

  const anonymousPage = await request.get("/admin", { maxRedirects: 0 });
  expect(anonymousPage.status()).toBe(302);
  expect(anonymousPage.headers().location).toBe("/login?redirectTo=%2Fadmin");
});
