import type { Page } from "@playwright/test";
import { createUser } from "@kreisnetz/seeds/factories";
import { expect, expectNoA11yViolations, heading, test } from "./fixtures.ts";

// Journeys with several people and axe on every page: slow on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

const suffix = () => Math.random().toString(36).slice(2, 8);

/** Fills the post editor as a person would (the body typed into the Lexical editor) and saves. */
async function writePost(
  page: Page,
  post: { title: string; body: string; kind?: "NEWS" | "STORY"; titleDsb?: string; bodyJson?: string },
): Promise<string> {
  await page.goto(post.kind === "STORY" ? "/news/new?kind=STORY" : "/news/new");
  await expect(heading(page)).toHaveText(post.kind === "STORY" ? "Neue Erfolgsgeschichte" : "Neuer Beitrag");
  await page.getByLabel("Titel", { exact: true }).fill(post.title);
  await page.getByLabel("Kurztext", { exact: true }).fill(`Kurz: ${post.title}`);
  const body = page.getByRole("textbox", { name: "Text", exact: true });
  await body.click();
  await page.keyboard.type(post.body);
  await expect(page.getByRole("toolbar", { name: "Textformatierung" }).first()).toBeVisible();
  if (post.kind === "STORY") {
    await page.getByLabel("Ausgangslage", { exact: true }).fill("Anträge lagen wochenlang auf Papier.");
    await page.getByLabel("Lösung", { exact: true }).fill("Ein gemeinsames Online-Verfahren.");
    await page.getByLabel("Ergebnis", { exact: true }).fill("Bearbeitung in drei statt zwölf Tagen.");
    const teamOfMonth = page.getByLabel("Team des Monats", { exact: true });
    if (await teamOfMonth.count()) await teamOfMonth.check();
  }
  if (post.titleDsb) {
    await page.getByText("Titel (Niedersorbisch)", { exact: true }).first().click();
    await page.getByLabel("Titel (Niedersorbisch)", { exact: true }).fill(post.titleDsb);
  }
  await expectNoA11yViolations(page);
  if (post.bodyJson) {
    // What a hostile client could post instead of the editor's own JSON.
    await page
      .locator('input[type="hidden"][name="body"]')
      .evaluate((el, v) => ((el as HTMLInputElement).value = v), post.bodyJson);
  }
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page).toHaveURL(/\/news\/[0-9a-f-]{36}$/);
  await expect(heading(page)).toHaveText(post.title);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

test("a draft stays private, an editor schedules it and it appears on the start page at its time", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const author = await makeUser();
  const colleague = await makeUser();
  const editor = await makeUser({ roles: ["STAFF", "EDITOR"] });
  const title = `Neue Gleitzeitregelung ${suffix()}`;

  await login(page, author);
  const id = await writePost(page, { title, body: "Ab Februar gilt die neue Dienstvereinbarung." });
  await expect(page.locator(".post-body")).toContainText("Ab Februar gilt");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(page.getByText("In Prüfung").first()).toBeVisible();

  const colleagueContext = await browser.newContext();
  const colleaguePage = await colleagueContext.newPage();
  await login(colleaguePage, colleague);
  expect((await colleaguePage.goto(`/news/${id}`))?.status()).toBe(404);
  await colleaguePage.goto("/news");
  await expect(colleaguePage.getByRole("link", { name: title })).toHaveCount(0);
  await expectNoA11yViolations(colleaguePage);

  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await login(editorPage, editor);
  await editorPage.goto("/news/review");
  await expectNoA11yViolations(editorPage);
  await editorPage.getByRole("link", { name: title }).click();
  await editorPage.getByRole("button", { name: "Freigeben" }).click();
  await expect(editorPage.getByText("Freigegeben").first()).toBeVisible();
  const inAnHour = new Date(Date.now() + 3_600_000);
  const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", dateStyle: "short", timeStyle: "short" })
    .format(inAnHour)
    .replace(" ", "T");
  await editorPage.getByLabel("Veröffentlichen am (Europe/Berlin)").fill(local);
  await editorPage.getByRole("button", { name: "Zeitgesteuert veröffentlichen" }).click();
  await expect(editorPage.getByText(/Geplant für/)).toBeVisible();
  await expectNoA11yViolations(editorPage);
  const stored = await db.newsPost.findUniqueOrThrow({ where: { id } });
  expect(stored.status).toBe("SCHEDULED");
  expect(Math.abs(stored.publishAt!.getTime() - inAnHour.getTime())).toBeLessThan(60_000);

  expect((await colleaguePage.goto(`/news/${id}`))?.status()).toBe(404);
  // The hour passes: the post is due (the timer job flips its status within seconds).
  const due = new Date(Date.now() - 1000);
  await db.newsPost.update({ where: { id }, data: { publishAt: due, publishedAt: due } });
  await colleaguePage.goto("/");
  const feed = colleaguePage.getByRole("region", { name: "Neuigkeiten für Sie" });
  await expect(feed.getByRole("link", { name: title })).toBeVisible();
  await expect(feed.getByText("Neu").first()).toBeVisible();
  await expectNoA11yViolations(colleaguePage);
  await feed.getByRole("link", { name: title }).click();
  await expect(heading(colleaguePage)).toHaveText(title);
  await colleaguePage.getByRole("button", { name: /Danke/ }).click();
  await expect(colleaguePage.getByRole("button", { name: "Danke (1)" })).toHaveAttribute("aria-pressed", "true");
  await colleaguePage.getByLabel("Kommentar schreiben").fill("Endlich!");
  await colleaguePage.getByRole("button", { name: "Kommentar senden" }).click();
  await expect(colleaguePage.getByText("Endlich!")).toBeVisible();
  await expectNoA11yViolations(colleaguePage);
  await expect
    .poll(async () => (await db.newsPost.findUniqueOrThrow({ where: { id } })).status, { timeout: 15_000 })
    .toBe("PUBLISHED");
  await colleagueContext.close();
  await editorContext.close();
});

test("must-read: the banner until acknowledged, and rates per unit without names", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const editor = await makeUser({ roles: ["STAFF", "EDITOR"] });
  const reader = await makeUser();
  const teammates = await Promise.all(Array.from({ length: 5 }, () => createUser(db, { unitId: reader.unitId })));
  const title = `Dienstanweisung Datenschutz ${suffix()}`;

  await login(page, editor);
  const id = await writePost(page, { title, body: "Bitte lesen Sie die neue Dienstanweisung." });
  await page.getByRole("button", { name: "Jetzt veröffentlichen" }).click();
  await expect(page.getByRole("heading", { name: "Redaktioneller Ablauf" })).toBeVisible();
  await page.getByLabel("Lesen bis").fill("2099-12-31T12:00");
  await page.getByRole("button", { name: "Als Pflichtlektüre markieren" }).click();
  await expect(page.getByRole("link", { name: "Lesebestätigungen nach Einheit" })).toBeVisible();
  expect(await db.newsPost.findUniqueOrThrow({ where: { id }, select: { mustRead: true, status: true } })).toEqual({
    mustRead: true,
    status: "PUBLISHED",
  });

  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await login(readerPage, reader);
  await readerPage.goto("/");
  const banner = readerPage.getByRole("region", { name: /Pflichtlektüre\(n\) offen/ });
  await expect(banner.getByRole("link", { name: title })).toBeVisible();
  await expectNoA11yViolations(readerPage);
  await banner.getByRole("link", { name: title }).click();
  await readerPage.getByRole("button", { name: "Gelesen und verstanden" }).click();
  await expect(readerPage.getByText("Sie haben bestätigt: gelesen und verstanden.")).toBeVisible();
  await expectNoA11yViolations(readerPage);
  await readerPage.goto("/");
  await expect(readerPage.getByRole("link", { name: title })).toHaveCount(1);
  await expect(
    readerPage.getByRole("region", { name: /Pflichtlektüre\(n\) offen/ }).getByRole("link", { name: title }),
  ).toHaveCount(0);

  await page.getByRole("link", { name: "Lesebestätigungen nach Einheit" }).click();
  await expect(heading(page)).toHaveText("Lesebestätigungen nach Einheit");
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: reader.unitId } });
  const row = page.getByRole("row", { name: new RegExp(unit.name) });
  await expect(row).toContainText("6");
  await expect(row).toContainText("1");
  await expect(row).toContainText("17 %");
  for (const person of [reader, ...teammates]) await expect(page.getByText(person.name)).toHaveCount(0);
  await expectNoA11yViolations(page);
  await readerContext.close();
});

test("a success story in the gallery, its Lower Sorbian title for dsb readers, and no script from hostile rich text", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const editor = await makeUser({ roles: ["STAFF", "EDITOR"] });
  const sorbian = await makeUser();
  await db.user.update({ where: { id: sorbian.id }, data: { locale: "dsb" } });
  const title = `Digitaler Bauantrag ${suffix()}`;
  const titleDsb = `Digitalne twarske pšašanje ${suffix()}`;

  await login(page, editor);
  const id = await writePost(page, { title, titleDsb, body: "Drei Fachbereiche, ein Verfahren.", kind: "STORY" });
  await expect(page.getByText("Anträge lagen wochenlang auf Papier.")).toBeVisible();
  await page.getByRole("button", { name: "Jetzt veröffentlichen" }).click();
  // Published: the step is no longer offered (waits for the action, not for text the form had already).
  await expect(page.getByRole("button", { name: "Jetzt veröffentlichen" })).toHaveCount(0);
  await expect(page.getByText("Team des Monats").first()).toBeVisible();
  await page.goto("/news/stories");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expectNoA11yViolations(page);

  const text = (value: string, extra = {}) => ({
    type: "text",
    version: 1,
    text: value,
    format: 0,
    detail: 0,
    mode: "normal",
    style: "",
    ...extra,
  });
  const block = (type: string, children: unknown[], extra = {}) => ({
    type,
    version: 1,
    direction: "ltr",
    format: "",
    indent: 0,
    children,
    ...extra,
  });
  const hostile = JSON.stringify({
    root: block("root", [
      block(
        "paragraph",
        [
          text('<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>', {
            style: "background:url(javascript:window.__xss=1)",
          }),
        ],
        { onclick: "window.__xss=1" },
      ),
      block("paragraph", [
        {
          type: "image",
          version: 1,
          src: "https://bilder.example/x.png",
          altText: '"><svg onload=window.__xss=1>',
          onerror: "window.__xss=1",
        },
      ]),
    ]),
  });
  const xssTitle = `XSS-Probe ${suffix()}`;
  const xssId = await writePost(page, { title: xssTitle, body: "wird ersetzt", bodyJson: hostile });
  await page.getByRole("button", { name: "Jetzt veröffentlichen" }).click();
  await expect(page.getByRole("button", { name: "Jetzt veröffentlichen" })).toHaveCount(0);

  const sorbianContext = await browser.newContext();
  const sorbianPage = await sorbianContext.newPage();
  let dialogs = 0;
  sorbianPage.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await login(sorbianPage, sorbian);
  await sorbianPage.goto(`/news/${id}`);
  await expect(heading(sorbianPage)).toHaveText(titleDsb);
  await expectNoA11yViolations(sorbianPage);
  await sorbianPage.goto(`/news/${xssId}`);
  await expect(sorbianPage.locator(".post-body")).toContainText("<script>window.__xss=1</script>");
  await sorbianPage.waitForLoadState("load");
  expect(await sorbianPage.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(
    await sorbianPage
      .locator(".post-body script, .post-body svg, .post-body [onerror], .post-body [onclick], .post-body [style]")
      .count(),
  ).toBe(0);
  expect(dialogs).toBe(0);
  await sorbianContext.close();
});
