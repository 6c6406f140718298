import { expect, expectNoA11yViolations, heading, submitAndWait, submitLogin, test } from "./fixtures.ts";

test("login with the form lands on the start page, logout ends the session", async ({ page, request, makeUser }) => {
  const user = await makeUser();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
  await expect(heading(page)).toHaveText("Anmelden");
  await expectNoA11yViolations(page);

  await submitLogin(page, user);
  await expect(page).toHaveURL(/\/$/);
  await expect(heading(page)).toHaveText(`Willkommen, ${user.name}`);
  await expectNoA11yViolations(page);

  const token = (await page.context().cookies()).find((c) => c.name === "kn_session")?.value;
  expect(token).toBeTruthy();

  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
  await expect(page.getByRole("status")).toHaveText("Sie wurden abgemeldet.");
  await expectNoA11yViolations(page);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  // The session is gone on the server, not only the cookie in this browser.
  const replay = await request.get("/", { headers: { Cookie: `kn_session=${token}` }, maxRedirects: 0 });
  expect(replay.status()).toBe(302);
  expect(replay.headers().location).toMatch(/^\/login/);
});

test("a wrong password is refused and the page stays on /login", async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto("/login");
  await submitLogin(page, { email: user.email, password: "falsches-Passwort-123" });
  await expect(page.getByRole("alert")).toHaveText("E-Mail-Adresse oder Passwort ist falsch.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("after 5 wrong passwords even the right one is refused for a while", async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await submitAndWait(page, "/login", () => submitLogin(page, { email: user.email, password: `falsch-${attempt}` }));
    await expect(page.getByRole("alert")).toHaveText("E-Mail-Adresse oder Passwort ist falsch.");
  }
  await submitAndWait(page, "/login", () => submitLogin(page, user));
  await expect(page.getByRole("alert")).toContainText("Zu viele Anmeldeversuche");
  await expect(page).toHaveURL(/\/login$/);
  await expectNoA11yViolations(page);
});
