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

function projectKey(): string {
  return `L${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join("")}`;
}

/**
 * A tRPC caller in the test process for setting things up. Its events get a
 * delivery for the server's "realtime-broadcaster" but are never drained here:
 * the running server's outbox picks them up, as it would from another instance.
 */
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

/** A members-only project led by `lead` with `member` in it and one task. */
async function liveProject(db: Db, lead: TTestUser, member: TTestUser) {
  const caller = await callerAs(db, lead);
  const key = projectKey();
  const project = await caller.projects.create({
    key,
    title: `Live-Board ${key}`,
    leadUnitId: lead.unitId,
    visibility: "MEMBERS",
  });
  await caller.projects.addMember({ projectId: project.id, userId: member.id, role: "MEMBER" });
  await caller.tasks.create({ projectId: project.id, title: "Förderantrag stellen" });
  return { caller, key, project };
}

async function pageFor(browser: Browser, login: (page: Page, user: TTestUser) => Promise<string>, user: TTestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, user);
  return page;
}

const presence = (page: Page) => page.getByRole("region", { name: "Gerade auf dieser Seite" });
const column = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });

test("two people see each other on a project page, a moved card moves for both, appear-offline hides", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const lead = await makeUser();
  const member = await makeUser();
  const { key, project } = await liveProject(db, lead, member);

  await login(page, lead);
  await page.goto(`/projects/${project.id}`);
  await expect(heading(page)).toHaveText(`${key} ${project.title}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  const other = await pageFor(browser, login, member);
  await other.goto(`/projects/${project.id}`);
  await expect(presence(page).getByText(member.name)).toBeVisible();
  await expect(presence(other).getByText(lead.name)).toBeVisible();
  await expectNoA11yViolations(page);

  // The lead moves the card; it moves on the member's board without a reload.
  const card = column(page, "Offen")
    .getByRole("listitem")
    .filter({ hasText: `${key}-1` });
  await card.getByLabel("Status", { exact: true }).selectOption({ label: "In Arbeit" });
  await card.getByRole("button", { name: "Verschieben", exact: true }).click();
  await expect(
    column(page, "In Arbeit")
      .getByRole("listitem")
      .filter({ hasText: `${key}-1` }),
  ).toBeVisible();
  await expect(
    column(other, "In Arbeit")
      .getByRole("listitem")
      .filter({ hasText: `${key}-1` }),
  ).toBeVisible();
  await expect(column(other, "Offen").getByRole("listitem")).toHaveCount(0);
  await expectNoA11yViolations(other);

  // The member chooses to appear offline in a second tab: the lead no longer sees them, though their board tab stays open.
  const profile = await other.context().newPage();
  await profile.goto("/profile");
  const section = profile.getByRole("region", { name: "Anwesenheit" });
  await section.getByLabel("Sichtbarkeit", { exact: true }).selectOption({ label: "Offline erscheinen" });
  await section.getByRole("button", { name: "Sichtbarkeit übernehmen" }).click();
  await expect(profile.getByTestId("presence-now")).toHaveText("Derzeit: Offline erscheinen");
  await expectNoA11yViolations(profile);
  await expect(presence(page).getByText(member.name)).toHaveCount(0);
  await expect(presence(page).getByText("Außer Ihnen ist niemand sichtbar hier.")).toBeVisible();

  await page.goto("/online");
  await expect(heading(page)).toHaveText("Wer ist online");
  await expect(page.getByTestId("online-list").getByText(lead.name)).toBeVisible();
  await expect(page.getByText(member.name)).toHaveCount(0);
  await expectNoA11yViolations(page);
  await other.context().close();
});

test("someone removed from a members-only project stops getting its updates", async ({
  page,
  browser,
  makeUser,
  login,
  db,
}) => {
  const lead = await makeUser();
  const member = await makeUser();
  const { caller, key, project } = await liveProject(db, lead, member);
  await login(page, lead);
  await page.goto(`/projects/${project.id}`);
  // A second tab of the lead that only learns about changes live: the control that the broadcast went out.
  const control = await page.context().newPage();
  await control.goto(`/projects/${project.id}`);
  const other = await pageFor(browser, login, member);
  const frames: { removed: boolean; payload: string }[] = [];
  let removed = false;
  other.on("websocket", (ws) =>
    ws.on("framereceived", (frame) => frames.push({ removed, payload: String(frame.payload) })),
  );
  await other.goto(`/projects/${project.id}`);
  await expect(presence(page).getByText(member.name)).toBeVisible();

  await caller.projects.removeMember({ projectId: project.id, userId: member.id });
  // The server takes the member's socket out of the project's rooms; the page refetches and finds nothing.
  await expect(heading(other)).toHaveText("Seite nicht gefunden");
  removed = true;
  await expect(presence(page).getByText(member.name)).toHaveCount(0);
  await expectNoA11yViolations(other);
  expect(frames.some((f) => f.payload.includes("access:revoked"))).toBe(true);

  const card = column(page, "Offen")
    .getByRole("listitem")
    .filter({ hasText: `${key}-1` });
  await card.getByLabel("Status", { exact: true }).selectOption({ label: "Erledigt" });
  await card.getByRole("button", { name: "Verschieben", exact: true }).click();
  await expect(
    column(control, "Erledigt")
      .getByRole("listitem")
      .filter({ hasText: `${key}-1` }),
  ).toBeVisible();
  expect(frames.filter((f) => f.removed && f.payload.includes(project.id))).toEqual([]);
  await other.context().close();
});
