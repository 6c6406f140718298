import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { remindReviews } from "./reminders.ts";

const h = setupHarness();
let owner: Awaited<ReturnType<typeof h.userWith>>;
let editor: Awaited<ReturnType<typeof h.userWith>>;

beforeAll(async () => {
  owner = await h.userWith(["STAFF"]);
  editor = await h.userWith(["STAFF", "EDITOR"]);
  await (await h.callerFor(editor)).knowledge.createSpace({ key: "orga", name: "Organisation" });
});

/** A Berlin calendar day `days` from now, "YYYY-MM-DD". */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Noon UTC of a calendar day: the same day in Berlin. */
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

async function articleDue(reviewDueAt: string, title = "Dienstreise beantragen") {
  const article = await (await h.callerFor(owner)).knowledge.create({ spaceKey: "orga", title, reviewDueAt });
  return article.id;
}

const inboxOf = (userId: string, articleId: string) =>
  h.services.db.notification.findMany({
    where: { userId, objectId: articleId, kind: "KNOWLEDGE_REVIEW" },
    orderBy: { createdAt: "asc" },
  });

describe("review reminders", () => {
  it("tell the owner once 7 days before and once on the review date, never twice", async () => {
    const due = dayFromNow(20);
    const id = await articleDue(due);
    // Too early: 8 days before.
    expect(await remindReviews(h.services.db, noonOf(dayFromNow(12)))).toBe(0);
    expect(await inboxOf(owner.id, id)).toHaveLength(0);
    // 7 days before, twice (a second run, a second instance): one reminder.
    await remindReviews(h.services.db, noonOf(dayFromNow(13)));
    await remindReviews(h.services.db, noonOf(dayFromNow(14)));
    const soon = await inboxOf(owner.id, id);
    expect(soon).toHaveLength(1);
    expect(soon[0]).toMatchObject({
      url: `/knowledge/a/${id}`,
      params: { title: "Dienstreise beantragen", due: due.split("-").reverse().join(".") },
    });
    // On the day and after it: one more, then nothing.
    await remindReviews(h.services.db, noonOf(due));
    await remindReviews(h.services.db, noonOf(dayFromNow(25)));
    expect(await inboxOf(owner.id, id)).toHaveLength(2);
    expect(await inboxOf(editor.id, id)).toHaveLength(0);
  });

  it("stop once a verification moves the review date", async () => {
    const id = await articleDue(dayFromNow(3), "Schlüsselausgabe");
    await remindReviews(h.services.db, noonOf(dayFromNow(0)));
    expect(await inboxOf(owner.id, id)).toHaveLength(1);
    const next = dayFromNow(200);
    await (await h.callerFor(editor)).knowledge.verify({ id, nextReviewAt: next });
    // The old date passes: no reminder for it any more.
    await remindReviews(h.services.db, noonOf(dayFromNow(3)));
    await remindReviews(h.services.db, noonOf(dayFromNow(10)));
    expect(await inboxOf(owner.id, id)).toHaveLength(1);
    // The new date reminds again in its own week.
    await remindReviews(h.services.db, noonOf(dayFromNow(195)));
    expect(await inboxOf(owner.id, id)).toHaveLength(2);
  });

  it("skip archived articles", async () => {
    const id = await articleDue(dayFromNow(1), "Altes Verfahren");
    await h.services.db.knowledgeArticle.update({ where: { id }, data: { archivedAt: new Date() } });
    await remindReviews(h.services.db, noonOf(dayFromNow(1)));
    expect(await inboxOf(owner.id, id)).toHaveLength(0);
  });
});
