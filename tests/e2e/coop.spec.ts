import fs from "node:fs/promises";
import { expect, expectNoA11yViolations, heading, mainNav, test } from "./fixtures.ts";

const dashboardCall = `/api/trpc/coopIndex.dashboard?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;

test("leadership reads the trend and downloads the quarterly report as PDF", async ({ page, makeUser, login }) => {
  const leader = await makeUser({ roles: ["STAFF", "LEADERSHIP"] });
  await login(page, leader);
  await page.goto("/");
  await mainNav(page).getByRole("link", { name: "Kooperationsindex" }).click();
  await expect(page).toHaveURL(/\/coop$/);
  await expect(heading(page)).toHaveText("Kooperationsindex");

  // the demo history: eight quarters, a headline index and a trend against the previous quarter
  const headline = page.getByRole("region", { name: /^Organisationsindex Q/ });
  await expect(headline).toContainText("von 100 Punkten");
  await expect(headline).toContainText(/gestiegen um|gesunken um|stabil/);
  const trendTable = page.getByRole("region", { name: "Verlauf des Organisationsindex" }).getByRole("table");
  await expect(trendTable.getByRole("row")).toHaveCount(9);
  await expect(page.getByRole("img", { name: /Verlauf des Organisationsindex/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Matrix der Zusammenarbeit (Gewicht W)" })).toBeVisible();
  await expectNoA11yViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Bericht als PDF/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kooperationsindex-\d{4}-Q[1-4]\.pdf$/);
  const pdf = await fs.readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.toString("latin1")).toContain("/StructTreeRoot");

  const csv = await page.request.get(`/coop/report.csv?quarter=${download.suggestedFilename().slice(18, 25)}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");

  await page.getByRole("link", { name: "So wird der Index berechnet" }).click();
  await expect(heading(page)).toHaveText("So wird der Index berechnet");
  await expectNoA11yViolations(page);
});

test("the dashboard works at 360 px and for other unit levels", async ({ page, makeUser, login }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const leader = await makeUser({ roles: ["STAFF", "LEADERSHIP"] });
  await login(page, leader);
  await page.goto("/coop?level=DEZERNAT");
  await expect(heading(page)).toHaveText("Kooperationsindex");
  await expect(page.getByLabel("Ebene")).toHaveValue("DEZERNAT");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoA11yViolations(page);
});

test("an admin opens the method configuration", async ({ page, makeUser, login }) => {
  const admin = await makeUser({ roles: ["STAFF", "ADMIN"], totp: true });
  await login(page, admin);
  await page.goto("/coop");
  await page.getByRole("link", { name: "Methode konfigurieren" }).click();
  await expect(heading(page)).toHaveText("Methode konfigurieren");
  await page.getByLabel("Begründung der Änderung").fill("x");
  await page.getByRole("button", { name: "Neue Methodenversion speichern" }).click();
  await expect(page.getByText("Bitte die Änderung kurz begründen (mindestens 3 Zeichen).")).toBeVisible();
  await expectNoA11yViolations(page);
});

test("staff is refused the cooperation index in the interface and over HTTP", async ({ page, makeUser, login }) => {
  const staff = await makeUser();
  await login(page, staff);
  await page.goto("/");
  await expect(mainNav(page).getByRole("link", { name: "Start" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Kooperationsindex" })).toHaveCount(0);

  const response = await page.goto("/coop");
  expect(response?.status()).toBe(403);
  await expect(heading(page)).toHaveText("Kein Zugriff");
  await expectNoA11yViolations(page);

  for (const url of [
    "/coop/method",
    "/coop/config",
    "/coop/report.pdf?quarter=2026-Q1",
    "/coop/report.csv?quarter=2026-Q1",
  ]) {
    const refused = await page.request.get(url, { maxRedirects: 0 });
    expect(refused.status(), url).toBe(403);
  }
  const trpc = await page.request.get(dashboardCall);
  expect(trpc.status()).toBe(403);
  expect(JSON.stringify(await trpc.json())).not.toContain("Organisationsindex");
});
