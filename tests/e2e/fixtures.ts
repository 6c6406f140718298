import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { createSession } from "@kreisnetz/api/session";
import { currentTotp } from "@kreisnetz/auth/totp";
import { createDb, type Db } from "@kreisnetz/db/client";
import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TRole } from "@kreisnetz/shared/permissions";
import { SESSION_COOKIE } from "@kreisnetz/shared/session";
import { e2e } from "./e2e-env.ts";

export { expect };

export type TTestUser = TCreatedUser;

type TTestFixtures = {
  /** A new unit with one new person in it; `totp: true` enables TOTP (secret in `totpSecretPlain`). */
  makeUser: (options?: { roles?: TRole[]; totp?: boolean }) => Promise<TTestUser>;
  /**
   * Logs `user` in without the form: writes a complete session (second factor done)
   * into the database and sets its cookie in the page's browser context, so
   * `page.request` carries it too. Returns the raw session token.
   */
  login: (page: Page, user: Pick<TTestUser, "id">) => Promise<string>;
};

type TWorkerFixtures = { db: Db };

/**
 * Each test makes its own people, so tests never depend on each other or on the demo
 * data. Nothing is deleted afterwards: the whole database is thrown away per run.
 */
export const test = base.extend<TTestFixtures, TWorkerFixtures>({
  // Playwright's `use` is named `provide` here: ESLint's React hooks rule mistakes `use(...)` for React's hook.
  db: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern.
    async ({}, provide) => {
      const db = createDb(e2e.databaseUrl, { max: 2 });
      await provide(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  makeUser: async ({ db }, provide) => {
    await provide(async (options = {}) => {
      const unit = await createUnit(db);
      return createUser(db, {
        unitId: unit.id,
        roles: options.roles ?? ["STAFF"],
        totpSecretKey: options.totp ? e2e.sessionSecret : undefined,
      });
    });
  },
  login: async ({ db }, provide) => {
    await provide(async (page, user) => {
      const token = await createSession(db, user.id, { secondFactorOk: true, userAgent: "Kreisnetz e2e fixture" });
      await page
        .context()
        .addCookies([{ name: SESSION_COOKIE, value: token, url: e2e.baseUrl, httpOnly: true, sameSite: "Lax" }]);
      return token;
    });
  },
});

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now and fails on any WCAG 2.1 A/AA violation, listed readably. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const url = new URL(page.url()).pathname;
  await test.step(`axe: ${url}`, async () => {
    // Legacy mode runs axe in the page itself instead of a second blank page: half the
    // time, and the app has no cross-origin frames that would need the other mode.
    const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
    const readable = violations.flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact ?? "?"}) on ${url}: ${violation.help}\n` +
          `    element: ${node.target.join(" ")}\n` +
          `    ${node.failureSummary?.replace(/\n/g, "\n    ") ?? ""}\n` +
          `    ${violation.helpUrl}`,
      ),
    );
    expect(readable, `accessibility violations on ${url}`).toEqual([]);
  });
}

/** Fills and sends the login form; the caller checks where it lands. */
export async function submitLogin(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(credentials.email);
  await page.getByLabel("Passwort", { exact: true }).fill(credentials.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
}

/**
 * Runs `submit` and waits until the server has answered its POST to `pathname`: needed
 * when the page shows the same message before and after, e.g. repeated wrong passwords.
 */
export async function submitAndWait(page: Page, pathname: string, submit: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === "POST" && new URL(response.url()).pathname.replace(/\.data$/, "") === pathname,
  );
  await submit();
  await answered;
}

/**
 * Sets up TOTP on /profile as a person would: start, read the manual key, type the
 * current code. Checks a11y on each step and returns the secret and recovery codes.
 */
export async function enrolTotp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole("button", { name: "Zwei-Faktor-Anmeldung einrichten" }).click();
  const secretElement = page.getByTestId("totp-secret");
  await expect(secretElement).toHaveText(/^[A-Z2-7]{16,}=*$/);
  await expectNoA11yViolations(page);
  const secret = (await secretElement.textContent())?.trim() ?? "";
  await page.getByLabel("Code", { exact: true }).fill(currentTotp(secret));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(page.getByText("Zwei-Faktor-Anmeldung ist aktiv.").first()).toBeVisible();
  await expectNoA11yViolations(page);
  return { secret, recoveryCodes: await codes.allTextContents() };
}

/** A six-digit code that is none of the codes the server would accept right now. */
export function wrongTotp(secret: string): string {
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((offset) => currentTotp(secret, now + offset)));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, "0"))) candidate += 1;
  return String(candidate).padStart(6, "0");
}

/**
 * A code for the next time step. The server accepts each step once, and enrolment has
 * just used the current one; the next step is within the allowed clock drift.
 */
export function nextTotp(secret: string): string {
  return currentTotp(secret, Date.now() + 30_000);
}

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });
export const heading = (page: Page) => page.getByRole("heading", { level: 1 });
