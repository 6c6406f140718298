import type { Db } from "@kreisnetz/db/client";

type TDemoPost = {
  id: string;
  kind: "NEWS" | "STORY";
  title: string;
  titleDsb?: string;
  teaser: string;
  paragraphs: string[];
  category: string;
  author: string;
  daysAgo: number;
  units?: string[];
  pinnedDays?: number;
  mustReadDays?: number;
  story?: {
    situation: string;
    solution: string;
    result: string;
    units: string[];
    contact: string;
    teamOfMonth: boolean;
  };
};

/** Demo data (marked as such in the teaser): a handful of news and two success stories. */
const POSTS: TDemoPost[] = [
  {
    id: "3e0a0000-0000-4000-8000-000000000001",
    kind: "NEWS",
    title: "Das neue Kreisnetz ist online",
    titleDsb: "Nowy Kreisnetz jo online",
    teaser: "Demo: Neuigkeiten, Projekte und Wissen an einem Ort.",
    paragraphs: [
      "Mit dem Kreisnetz setzt die Kreisverwaltung eine Maßnahme der Strategie „Digitale Kreisverwaltung Spree-Neiße 2030“ um.",
      "Rückmeldungen nimmt die Koordinierungsstelle für Digitalisierung gern entgegen.",
    ],
    category: "DIGITALISIERUNG",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 1,
    pinnedDays: 14,
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000002",
    kind: "NEWS",
    title: "Neue Dienstanweisung zum Umgang mit personenbezogenen Daten",
    teaser: "Demo: Bitte bis Monatsende lesen und bestätigen.",
    paragraphs: [
      "Die Dienstanweisung Datenschutz wurde überarbeitet. Wesentliche Änderungen betreffen die Aufbewahrungsfristen und die Nutzung mobiler Geräte.",
      "Fragen beantwortet die Stabsstelle Datenschutz.",
    ],
    category: "ALLGEMEIN",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 3,
    mustReadDays: 21,
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000003",
    kind: "NEWS",
    title: "Online-Akademie: Schulungen zur E-Akte im Februar",
    teaser: "Demo: Anmeldung ab sofort möglich.",
    paragraphs: ["Das Schulungsteam bietet im Februar zwölf Termine zur Einführung der E-Akte an, auch online."],
    category: "PERSONAL",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 5,
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000004",
    kind: "NEWS",
    title: "Gesundheitstag im Kreishaus",
    teaser: "Demo: Rückenschule, Sehtest und Ernährungsberatung.",
    paragraphs: ["Am Gesundheitstag laden Personalrat und Personalangelegenheiten alle Beschäftigten ins Foyer ein."],
    category: "GESUNDHEIT",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 8,
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000005",
    kind: "NEWS",
    title: "Dezernat II: Umzug der Bauordnung in das Technische Rathaus",
    teaser: "Demo: Nur für Dezernat II.",
    paragraphs: ["Die Bauordnung zieht im März um. Die Telefonnummern bleiben gleich."],
    category: "ALLGEMEIN",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 2,
    units: ["D2"],
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000006",
    kind: "STORY",
    title: "Bauanträge digital: drei Fachbereiche, ein Verfahren",
    teaser: "Demo-Erfolgsgeschichte: Bearbeitungszeit halbiert.",
    paragraphs: ["Bauordnung, Kataster und ADV haben den digitalen Bauantrag gemeinsam eingeführt."],
    category: "DIGITALISIERUNG",
    author: "mitarbeiterin@demo.kreisnetz.de",
    daysAgo: 10,
    story: {
      situation: "Bauanträge kamen auf Papier und liefen per Hauspost durch drei Fachbereiche.",
      solution: "Ein gemeinsames Online-Verfahren mit elektronischer Beteiligung der Fachstellen.",
      result: "Die Bearbeitungszeit sank von durchschnittlich zwölf auf sechs Wochen.",
      units: ["FB-BAUO", "FB-KAT", "SG-ADV"],
      contact: "FB-BAUO",
      teamOfMonth: true,
    },
  },
  {
    id: "3e0a0000-0000-4000-8000-000000000007",
    kind: "STORY",
    title: "Kita-Platzvergabe ohne Wartelisten-Chaos",
    teaser: "Demo-Erfolgsgeschichte: Eltern erhalten schneller Bescheid.",
    paragraphs: ["Jugendamt und Bürgerservice haben die Platzvergabe gemeinsam neu geordnet."],
    category: "DIGITALISIERUNG",
    author: "redaktion@demo.kreisnetz.de",
    daysAgo: 20,
    story: {
      situation: "Eltern meldeten sich bei mehreren Kitas an, Listen wurden doppelt geführt.",
      solution: "Eine gemeinsame Vormerkliste mit Rückmeldung per Post und online.",
      result: "Zusagen gehen zwei Monate früher hinaus.",
      units: ["SG-KITA", "SG-BUERGER"],
      contact: "SG-KITA",
      teamOfMonth: false,
    },
  },
];

const escape = (value: string) =>
  value.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

function lexical(paragraphs: string[]) {
  return {
    root: {
      type: "root",
      version: 1,
      direction: "ltr",
      format: "",
      indent: 0,
      children: paragraphs.map((text) => ({
        type: "paragraph",
        version: 1,
        direction: "ltr",
        format: "",
        indent: 0,
        textFormat: 0,
        textStyle: "",
        children: [{ type: "text", version: 1, text, format: 0, detail: 0, mode: "normal", style: "" }],
      })),
    },
  };
}

/**
 * Demo news and success stories so the start page is not empty. Idempotent: fixed
 * ids, existing posts are left alone. Bodies are plain paragraphs, so their HTML is
 * what the renderer would produce (`kn-rt-p`, escaped text).
 */
export async function seedNewsDemo(db: Db): Promise<number> {
  const existing = new Set(
    (await db.newsPost.findMany({ where: { id: { in: POSTS.map((p) => p.id) } }, select: { id: true } })).map(
      (p) => p.id,
    ),
  );
  const missing = POSTS.filter((p) => !existing.has(p.id));
  if (missing.length === 0) return 0;
  const users = new Map(
    (
      await db.user.findMany({
        where: { email: { in: missing.map((p) => p.author) } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.email, u.id]),
  );
  const units = new Map((await db.orgUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const now = Date.now();
  const day = 86_400_000;
  for (const post of missing) {
    const authorId = users.get(post.author);
    if (!authorId) continue;
    const publishedAt = new Date(now - post.daysAgo * day);
    const body = lexical(post.paragraphs);
    await db.$transaction(async (tx) => {
      await tx.newsPost.create({
        data: {
          id: post.id,
          kind: post.kind,
          status: "PUBLISHED",
          authorId,
          title: post.title,
          titleDsb: post.titleDsb ?? null,
          teaser: post.teaser,
          body,
          bodyHtml: post.paragraphs.map((p) => `<p class="kn-rt-p">${escape(p)}</p>`).join(""),
          bodyText: post.paragraphs.join("\n"),
          category: post.category,
          audience: post.units ? "UNITS" : "ALL",
          publishAt: publishedAt,
          publishedAt,
          pinnedFrom: post.pinnedDays ? publishedAt : null,
          pinnedUntil: post.pinnedDays ? new Date(now + post.pinnedDays * day) : null,
          mustRead: Boolean(post.mustReadDays),
          mustReadDeadline: post.mustReadDays ? new Date(now + post.mustReadDays * day) : null,
          storySituation: post.story?.situation ?? null,
          storySolution: post.story?.solution ?? null,
          storyResult: post.story?.result ?? null,
          contactUnitId: post.story ? (units.get(post.story.contact) ?? null) : null,
          teamOfMonth: post.story?.teamOfMonth ?? false,
          units: { create: (post.units ?? []).flatMap((c) => (units.get(c) ? [{ unitId: units.get(c)! }] : [])) },
          storyUnits: {
            create: (post.story?.units ?? []).flatMap((c) => (units.get(c) ? [{ unitId: units.get(c)! }] : [])),
          },
          revisions: { create: { version: 1, title: post.title, body, authorId } },
        },
      });
    });
  }
  return missing.length;
}
