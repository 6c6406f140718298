import { spawn } from "node:child_process";
import path from "node:path";
import { randomInt } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { e2e } from "./e2e-env.ts";
import { expect, expectNoA11yViolations, heading, test } from "./fixtures.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** A random word of capital letters, so runs and parallel tests never find each other's items. */
const token = () => Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join("");

async function trpcMutation<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, {
    data: { json: input },
    headers: { Origin: e2e.baseUrl, "Content-Type": "application/json" },
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The results list (not the "meinten Sie" link or the facets). */
const results = (page: Page) => page.getByRole("region", { name: /Treffer für/ });

/** Searches with the header box (shortcut "/") and waits for the results page. */
async function searchFromHeader(page: Page, query: string): Promise<void> {
  await page.locator("body").press("/");
  const box = page.getByRole("combobox", { name: "Suchbegriff" });
  await expect(box).toBeFocused();
  await box.fill(query);
  await box.press("Enter");
  await expect(heading(page)).toHaveText("Suche");
}

test("an article written in the knowledge base is found with a misspelled query", async ({ page, makeUser, login }) => {
  test.setTimeout(120_000);
  const author = await makeUser();
  await login(page, author);
  const code = token();
  const title = `Winterdienstplanung für Kreisstraßen ${code}`;

  await page.goto("/knowledge");
  await expect(heading(page)).toHaveText("Wissensdatenbank");
  await expectNoA11yViolations(page);
  await page.getByRole("link", { name: "IT-Service und ADV" }).click();
  await expect(heading(page)).toHaveText("IT-Service und ADV");
  await expectNoA11yViolations(page);

  const create = page.getByRole("region", { name: "Neuer Artikel" });
  await create.getByLabel("Titel", { exact: true }).fill(title);
  await create.getByLabel("Vorlage").selectOption("ANLEITUNG");
  await create.getByLabel("Schlagwörter").fill("winterdienst");
  await create.getByRole("button", { name: "Neuer Artikel" }).click();
  await expect(heading(page)).toHaveText("Bearbeiten");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(heading(page)).toHaveText(title);
  await expect(page.getByText("Version 2")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verweise auf diese Seite" })).toBeVisible();
  await expectNoA11yViolations(page);

  // An attachment on the article: stored, listed, downloadable; an executable is refused.
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const fileInput = page.getByLabel("Datei", { exact: true });
  await fileInput.setInputFiles({ name: "Streuplan.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Hochladen" }).click();
  const attachment = page.getByRole("link", { name: "Streuplan.pdf" });
  await expect(attachment).toBeVisible();
  const download = await page.request.get((await attachment.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await download.body())).toEqual(pdf);
  await fileInput.setInputFiles({
    name: "streuplan.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]),
  });
  await page.getByRole("button", { name: "Hochladen" }).click();
  await expect(page.getByRole("alert")).toHaveText("Dieser Dateityp ist nicht erlaubt.");
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Versionen" }).click();
  await expect(heading(page)).toHaveText("Versionen");
  await expectNoA11yViolations(page);

  // Indexing runs after commit through the outbox: give it a moment.
  await expect(async () => {
    await page.goto("/");
    await searchFromHeader(page, `Winterdinstplanung ${code}`);
    await expect(results(page).getByRole("link", { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expectNoA11yViolations(page);
  await results(page).getByRole("link", { name: title }).click();
  await expect(heading(page)).toHaveText(title);
});

test("suggestions while typing are a keyboard-operable combobox", async ({ page, makeUser, login }) => {
  const user = await makeUser();
  await login(page, user);
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Suchbegriff" });
  await box.click();
  await box.pressSequentially("Urlaubsan", { delay: 30 });
  const list = page.getByRole("listbox", { name: "Vorschläge" });
  await expect(list.getByRole("option").first()).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expectNoA11yViolations(page);
  await box.press("ArrowDown");
  const first = list.getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id")) ?? "");
  await box.press("Enter");
  await expect(heading(page)).toHaveText("Urlaubsantrag stellen und genehmigen lassen");
});

test("an outsider does not find a members-only task; a member does", async ({ page, browser, makeUser, login }) => {
  const lead = await makeUser();
  const outsider = await makeUser();
  const code = token();
  await login(page, lead);
  await page.goto("/");
  const project = await trpcMutation<{ id: string }>(page.request, "projects.create", {
    key: `S${code}`.slice(0, 10),
    title: `Vertrauliche Beschaffung ${code}`,
    leadUnitId: lead.unitId,
    visibility: "MEMBERS",
  });
  await trpcMutation(page.request, "tasks.create", {
    projectId: project.id,
    title: `Angebote Rettungswagen ${code} vergleichen`,
  });
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent(`Rettungswagen ${code}`)}`);
    await expect(page.getByRole("link", { name: `Angebote Rettungswagen ${code} vergleichen` })).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 20_000 });

  const context = await browser.newContext();
  const other = await context.newPage();
  await login(other, outsider);
  await other.goto(`/search?q=${encodeURIComponent(`Rettungswagen ${code}`)}`);
  await expect(heading(other)).toHaveText("Suche");
  await expect(other.getByText(`Keine Treffer für „Rettungswagen ${code}“.`)).toBeVisible();
  await expect(other.getByRole("link", { name: /Rettungswagen/ })).toHaveCount(0);
  await expectNoA11yViolations(other);
  const suggestions = await other.request.get(`/search/suggest?q=${encodeURIComponent(`Rettungswagen ${code}`)}`);
  expect(await suggestions.text()).not.toContain("Rettungswagen");
  await context.close();
});

test("a reindex runs while someone searches, and the search keeps answering", async ({ page, makeUser, login }) => {
  test.setTimeout(120_000);
  const user = await makeUser();
  await login(page, user);
  const reindex = spawn(
    path.join(repoRoot, "node_modules", ".bin", "tsx"),
    ["packages/api/scripts/search.ts", "reindex"],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATA_DIR: e2e.dataDir,
        DATABASE_URL: "",
        MEILI_HOST: "",
        EMBEDDED_PG_PORT: String(e2e.pgPort),
        EMBEDDED_MEILI_PORT: String(e2e.meiliPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  reindex.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  reindex.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number>((resolve) => reindex.on("exit", (code) => resolve(code ?? -1)));
  let done = false;
  void exited.then(() => (done = true));

  let answered = 0;
  while (!done || answered < 5) {
    const response = await page.request.get(`/search?q=${encodeURIComponent("Urlaubsantrag")}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Urlaubsantrag stellen und genehmigen lassen");
    answered += 1;
  }
  expect(await exited, output).toBe(0);
  expect(output).toContain("Neuer Index eingetauscht");
  expect(answered).toBeGreaterThanOrEqual(5);
  await page.goto("/search?q=Urlaubsantrg");
  await expect(
    results(page).getByRole("heading", { name: "Urlaubsantrag stellen und genehmigen lassen" }),
  ).toBeVisible();
  await expectNoA11yViolations(page);
});
