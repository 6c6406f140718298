import { randomInt } from "node:crypto";
import { createContext } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { REALTIME_BROADCASTER, broadcasts } from "@kreisnetz/api/realtime";
import { createCaller } from "@kreisnetz/api/router";
import { createSession, resolveSession } from "@kreisnetz/api/session";
import type { Db } from "@kreisnetz/db/client";
import type { Browser, Page } from "@playwright/test";
import { e2e } from "./e2e-env.ts";
import { expect, expectNoA11yViolations, heading, test, type TTestUser } from "./fixtures.ts";

/** A tRPC caller for setting things up; the running server's outbox delivers its events (as from another instance). */
async function callerAs(db: Db, user: Pick<TTestUser, "id">) {
  const events = new EventLog(db);
  events.register({ name: REALTIME_BROADCASTER, matches: broadcasts, handle: async () => undefined });
  events.kick = () => Promise.resolve();
  const token = await createSession(db, user.id, { secondFactorOk: true, userAgent: "e2e setup" });
  const resolved = await resolveSession(db, token);
  if (!resolved) throw new Error("no session");
  return createCaller(
    createContext(
      { db, events, sessionSecret: e2e.sessionSecret },
      { actor: resolved.actor, session: resolved.session, locale: "de", ip: "127.0.0.1", userAgent: "e2e" },
    ),
  );
}

function randomKey(length: number): string {
  return Array.from({ length }, () => String.fromCharCode(65 + randomInt(26))).join("");
}

async function pageFor(browser: Browser, login: (page: Page, user: TTestUser) => Promise<string>, user: TTestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, user);
  return page;
}

const presence = (page: Page) => page.getByRole("region", { name: "Gerade auf dieser Seite" });

test("a task comment appears live for a colleague on the task page, with presence, the soft lock and the badge", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const lead = await makeUser();
  const member = await makeUser();
  const caller = await callerAs(db, lead);
  const key = `L${randomKey(7)}`;
  const project = await caller.projects.create({
    key,
    title: `Live-Kommentare ${key}`,
    leadUnitId: lead.unitId,
    visibility: "MEMBERS",
  });
  await caller.projects.addMember({ projectId: project.id, userId: member.id, role: "MEMBER" });
  const task = await caller.tasks.create({ projectId: project.id, title: "Förderantrag prüfen" });
  const taskUrl = `/projects/${project.id}/tasks/${task.id}`;

  await login(page, lead);
  await page.goto(taskUrl);
  await expect(heading(page)).toHaveText(`${key}-1 Förderantrag prüfen`);
  const other = await pageFor(browser, login, member);
  await other.goto(taskUrl);
  await expect(presence(page).getByText(member.name)).toBeVisible();
  await expect(presence(other).getByText(lead.name)).toBeVisible();
  await expect(other.getByTestId("notification-badge")).toHaveAccessibleName("Benachrichtigungen");

  // The lead starts typing: the member is warned ("bearbeitet gerade"), nothing is blocked.
  const text = `Bitte bis Freitag prüfen, @${member.name}.`;
  await page.getByLabel("Neuer Kommentar").fill(text);
  await expect(other.getByTestId("editing-warning")).toHaveText(new RegExp(`^${lead.name} bearbeitet gerade\\.`));
  await expect(presence(other).getByText("bearbeitet gerade")).toBeVisible();
  await expectNoA11yViolations(other);

  // The comment (mentioning the member) appears on the member's page without a reload, and their badge rings.
  await page.getByRole("group", { name: "Erwähnen" }).getByLabel(member.name).check();
  await page.getByRole("button", { name: "Kommentieren" }).click();
  await expect(page.locator(".comment-body")).toHaveText(text);
  await expect(other.locator(".comment-body")).toHaveText(text);
  await expect(other.getByTestId("editing-warning")).toHaveCount(0);
  await expect(other.getByTestId("notification-badge")).toHaveAccessibleName("Benachrichtigungen 1 ungelesen");
  await expect(heading(other)).toHaveText(`${key}-1 Förderantrag prüfen`);
  await expectNoA11yViolations(other);
  await expectNoA11yViolations(page);
  await other.context().close();
});

test("two people see each other on a knowledge article; opening its editor shows 'bearbeitet gerade'", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const editor = await makeUser({ roles: ["STAFF", "EDITOR"] });
  const reader = await makeUser();
  const caller = await callerAs(db, editor);
  const spaceKey = `live-${randomKey(6).toLowerCase()}`;
  await caller.knowledge.createSpace({ key: spaceKey, name: `Live-Wissen ${spaceKey}` });
  const article = await caller.knowledge.create({ spaceKey, title: "Homeoffice-VPN einrichten" });

  await login(page, editor);
  await page.goto(`/knowledge/a/${article.id}`);
  await expect(heading(page)).toHaveText("Homeoffice-VPN einrichten");
  const other = await pageFor(browser, login, reader);
  await other.goto(`/knowledge/a/${article.id}`);
  await expect(presence(page).getByText(reader.name)).toBeVisible();
  await expect(presence(other).getByText(editor.name)).toBeVisible();
  await expect(other.getByTestId("editing-warning")).toHaveCount(0);
  await expectNoA11yViolations(other);

  await page.getByRole("link", { name: "Bearbeiten" }).click();
  await expect(heading(page)).toHaveText("Bearbeiten");
  await expect(other.getByTestId("editing-warning")).toHaveText(new RegExp(`^${editor.name} bearbeitet gerade\\.`));
  await expect(presence(page).getByText(reader.name)).toBeVisible();
  await expectNoA11yViolations(other);
  await expectNoA11yViolations(page);
  await other.context().close();
});
