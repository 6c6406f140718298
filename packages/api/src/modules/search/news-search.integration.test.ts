import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TCreatePostInput } from "@kreisnetz/shared/schemas/news";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { attachSearch } from "../../../test/search.ts";

const h = setupHarness();
const s = attachSearch(h);

const body = (value: string) => ({
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
        children: [{ type: "text", version: 1, text: value, format: 0, detail: 0, mode: "normal", style: "" }],
      },
    ],
  },
});

function input(overrides: Partial<TCreatePostInput>): TCreatePostInput {
  return {
    kind: "NEWS",
    title: "Titel",
    teaser: "Kurz",
    body: body("Text"),
    audience: "ALL",
    unitIds: [],
    storyUnitIds: [],
    teamOfMonth: false,
    ...overrides,
  };
}

/** Unit A with subunit A1, unit B; an author in A, readers in A1 and B, an editor. */
let cast: { unitA: string; author: TCreatedUser; subunit: TCreatedUser; outsider: TCreatedUser; editor: TCreatedUser };

beforeAll(async () => {
  const db = h.services.db;
  const unitA = (await createUnit(db, { name: "FB Bau und Planung" })).id;
  const unitA1 = (await createUnit(db, { name: "SG Bauleitplanung", parentId: unitA })).id;
  const unitB = (await createUnit(db, { name: "Kämmerei" })).id;
  cast = {
    unitA,
    author: await createUser(db, { unitId: unitA }),
    subunit: await createUser(db, { unitId: unitA1 }),
    outsider: await createUser(db, { unitId: unitB }),
    editor: await h.userWith(["STAFF", "EDITOR"]),
  };
});

async function publish(overrides: Partial<TCreatePostInput>) {
  const author = await h.callerFor(cast.author);
  const post = await author.news.create(input(overrides));
  await author.news.submit({ id: post.id });
  await (await h.callerFor(cast.editor)).news.publish({ id: post.id });
  return post.id;
}

describe("news in search", () => {
  it("finds a published post for all staff, with a typo, and never a draft", async () => {
    const id = await publish({
      title: "Neue Parkplatzordnung am Kreishaus",
      body: body("Ab März gelten neue Regeln."),
    });
    const author = await h.callerFor(cast.author);
    const draft = await author.news.create(input({ title: "Geheimer Parkplatzentwurf" }));
    await s.drain();
    const outsider = await h.callerFor(cast.outsider);
    const hits = (await outsider.search.query({ q: "Parkplatzordnug" })).hits.map((x) => x.id);
    expect(hits).toContain(`news_${id}`);
    expect((await outsider.search.query({ q: "Geheimer Parkplatzentwurf" })).hits.map((x) => x.id)).not.toContain(
      `news_${draft.id}`,
    );
  });

  it("shows a unit-audience post to the unit and its subunits only, facets included", async () => {
    const id = await publish({ title: "Betriebsausflug Bauverwaltung", audience: "UNITS", unitIds: [cast.unitA] });
    await s.drain();
    const subunit = await h.callerFor(cast.subunit);
    expect((await subunit.search.query({ q: "Betriebsausflug" })).hits.map((x) => x.id)).toEqual([`news_${id}`]);
    const outsider = await h.callerFor(cast.outsider);
    const result = await outsider.search.query({ q: "Betriebsausflug" });
    expect(result.hits).toEqual([]);
    expect(result.facets.type?.news ?? 0).toBe(0);
    expect(await outsider.search.suggest({ q: "Betriebsausflug" })).toEqual([]);
  });

  it("drops a post from the index when it is archived", async () => {
    const id = await publish({ title: "Winterdienst Bereitschaftsplan" });
    await s.drain();
    const reader = await h.callerFor(cast.outsider);
    expect((await reader.search.query({ q: "Winterdienst" })).hits.map((x) => x.id)).toEqual([`news_${id}`]);
    await (await h.callerFor(cast.editor)).news.archive({ id });
    await s.drain();
    expect((await reader.search.query({ q: "Winterdienst" })).hits).toEqual([]);
  });
});
