import { e2e } from "./e2e-env.ts";
import { expect, heading, test } from "./fixtures.ts";

const REJECTED = "Die Anfrage kam nicht von dieser Seite und wurde abgelehnt.";

test("POST /login needs a same-origin Origin header", async ({ request, makeUser }) => {
  const user = await makeUser();
  const form = { email: user.email, password: user.password, redirectTo: "/" };

  const missing = await request.post("/login", { form, maxRedirects: 0 });
  expect(missing.status()).toBe(403);
  expect(await missing.text()).toBe(REJECTED);
  expect(missing.headers()["set-cookie"]).toBeUndefined();

  const foreign = await request.post("/login", { form, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);

  // Control: the same request from our own origin logs in.
  const own = await request.post("/login", { form, headers: { Origin: e2e.baseUrl }, maxRedirects: 0 });
  expect(own.status()).toBe(302);
  expect(own.headers()["set-cookie"]).toContain("kn_session=");
});

test("POST /logout needs a same-origin Origin header", async ({ page, makeUser, login }) => {
  const user = await makeUser();
  await login(page, user);

  const missing = await page.request.post("/logout", { maxRedirects: 0 });
  expect(missing.status()).toBe(403);
  expect(await missing.text()).toBe(REJECTED);
  const foreign = await page.request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);

  await page.goto("/");
  await expect(heading(page)).toHaveText(`Willkommen, ${user.name}`);

  // Control: from our own origin the logout goes through.
  const own = await page.request.post("/logout", { headers: { Origin: e2e.baseUrl }, maxRedirects: 0 });
  expect(own.status()).toBe(302);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
