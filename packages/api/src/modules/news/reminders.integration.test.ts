import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TCreatePostInput } from "@kreisnetz/shared/schemas/news";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { remindMustReads } from "./reminders.ts";

const h = setupHarness();

const body = {
  root: {
    type: "root",
    version: 1,
    direction: "ltr",
    format: "",
    indent: 0,
    children: [
      {
        type: "paragraph",
        version: 1,
        direction: "ltr",
        format: "",
        indent: 0,
        children: [{ type: "text", version: 1, text: "Bitte lesen.", format: 0, detail: 0, mode: "normal", style: "" }],
      },
    ],
  },
};

let cast: {
  unitA: string;
  author: TCreatedUser;
  reader: TCreatedUser;
  subunit: TCreatedUser;
  outsider: TCreatedUser;
  editor: TCreatedUser;
};

beforeAll(async () => {
  const db = h.services.db;
  const unitA = (await createUnit(db)).id;
  const unitA1 = (await createUnit(db, { parentId: unitA })).id;
  const unitB = (await createUnit(db)).id;
  cast = {
    unitA,
    author: await createUser(db, { unitId: unitA }),
    reader: await createUser(db, { unitId: unitA }),
    subunit: await createUser(db, { unitId: unitA1 }),
    outsider: await createUser(db, { unitId: unitB }),
    editor: await h.userWith(["STAFF", "EDITOR"]),
  };
});

async function mustRead(deadlineInHours: number) {
  const input: TCreatePostInput = {
    kind: "NEWS",
    title: "Neue Dienstanweisung Datenschutz",
    teaser: "Gilt ab sofort.",
    body,
    audience: "UNITS",
    unitIds: [cast.unitA],
    storyUnitIds: [],
    teamOfMonth: false,
  };
  const author = await h.callerFor(cast.author);
  const post = await author.news.create(input);
  await author.news.submit({ id: post.id });
  const editor = await h.callerFor(cast.editor);
  await editor.news.publish({ id: post.id });
  await editor.news.setMustRead({
    id: post.id,
    mustRead: true,
    deadline: new Date(Date.now() + deadlineInHours * 3_600_000),
  });
  return post.id;
}

const inboxOf = (user: TCreatedUser, postId: string) =>
  h.services.db.notification.findMany({ where: { userId: user.id, objectId: postId, kind: "NEWS_MUST_READ" } });

describe("must-read reminders", () => {
  it("reach the audience (subunits included) who have not acknowledged, once, before the deadline", async () => {
    const postId = await mustRead(24);
    await (await h.callerFor(cast.reader)).news.acknowledge({ id: postId });
    await remindMustReads(h.services.db);
    await remindMustReads(h.services.db);
    expect(await inboxOf(cast.author, postId)).toHaveLength(1);
    expect(await inboxOf(cast.subunit, postId)).toHaveLength(1);
    expect(await inboxOf(cast.reader, postId)).toHaveLength(0);
    expect(await inboxOf(cast.outsider, postId)).toHaveLength(0);
  });

  it("wait while the deadline is still far away", async () => {
    const postId = await mustRead(24 * 10);
    await remindMustReads(h.services.db);
    expect(await inboxOf(cast.subunit, postId)).toHaveLength(0);
  });
});
