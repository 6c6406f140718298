import type { Db, Prisma } from "@kreisnetz/db/client";

/**
 * Demo knowledge base: a few spaces and plausible German articles, all marked
 * `isDemo`. Idempotent: spaces are upserted by key, articles by title in their
 * space. Indexed at start by the platform's start-up sync.
 */
type TDemoBlock = { h2: string } | { p: string };
type TDemoArticle = {
  title: string;
  template: "ANLEITUNG" | "PROZESS" | "LESSONS_LEARNED" | "FAQ" | "FREI";
  unit: string;
  tags: string[];
  blocks: TDemoBlock[];
  titleDsb?: string;
};
type TDemoSpace = {
  key: string;
  name: string;
  nameDsb?: string;
  description: string;
  unit?: string;
  articles: TDemoArticle[];
};

const SPACES: TDemoSpace[] = [
  {
    key: "it-service",
    name: "IT-Service und ADV",
    nameDsb: "IT-słužba",
    description: "Anleitungen der ADV zu Geräten, Zugängen und Fachverfahren.",
    unit: "SG-ADV",
    articles: [
      {
        title: "VPN-Zugang für mobiles Arbeiten einrichten",
        template: "ANLEITUNG",
        unit: "SG-ADV",
        tags: ["vpn", "homeoffice"],
        blocks: [
          { h2: "Worum geht es?" },
          { p: "Mit dem VPN-Client erreichen Sie die Fachverfahren der Kreisverwaltung auch von zu Hause." },
          { h2: "Schritt für Schritt" },
          { p: "Installieren Sie den Client aus dem Softwarekatalog und melden Sie sich mit Ihrer Kennung an." },
          { p: "Bestätigen Sie die Anmeldung mit dem zweiten Faktor auf Ihrem Diensthandy." },
        ],
      },
      {
        title: "Passwort vergessen: Kennwort zurücksetzen lassen",
        template: "FAQ",
        unit: "SG-ADV",
        tags: ["passwort", "anmeldung"],
        blocks: [
          { h2: "Ich habe mein Passwort vergessen. Was nun?" },
          {
            p: "Rufen Sie die Hotline der ADV an (Durchwahl 1234). Nach Prüfung Ihrer Identität erhalten Sie ein Startkennwort.",
          },
          { h2: "Wie oft muss ich mein Kennwort ändern?" },
          { p: "Nur bei Verdacht auf Missbrauch. Ein langes Kennwort ist wichtiger als häufiges Wechseln." },
        ],
      },
      {
        title: "Netzwerkdrucker und Multifunktionsgeräte verbinden",
        template: "ANLEITUNG",
        unit: "SG-ADV",
        tags: ["drucker"],
        blocks: [
          { p: "Wählen Sie in den Einstellungen „Drucker hinzufügen“ und den Drucker Ihres Flurs aus der Liste." },
        ],
      },
    ],
  },
  {
    key: "personal",
    name: "Personal und Organisation",
    description: "Regelungen zu Urlaub, Dienstreisen, Arbeitszeit und Fortbildung.",
    unit: "SG-PERS",
    articles: [
      {
        title: "Urlaubsantrag stellen und genehmigen lassen",
        template: "PROZESS",
        unit: "SG-PERS",
        tags: ["urlaub", "personal"],
        blocks: [
          { h2: "Ablauf" },
          {
            p: "Beschäftigte beantragen Erholungsurlaub im Personalportal. Die Sachgebietsleitung genehmigt, das SG Personal bucht.",
          },
          { h2: "Fristen" },
          { p: "Urlaub über zwei Wochen bitte mindestens vier Wochen vorher beantragen." },
        ],
      },
      {
        title: "Dienstreise beantragen und Reisekosten abrechnen",
        template: "PROZESS",
        unit: "SG-PERS",
        tags: ["dienstreise", "reisekosten"],
        blocks: [
          { p: "Dienstreisen werden vorab genehmigt. Die Abrechnung erfolgt binnen sechs Monaten mit Belegen." },
        ],
      },
      {
        title: "Lessons Learned: Umzug des Fachbereichs Bauordnung",
        template: "LESSONS_LEARNED",
        unit: "SG-ORG",
        tags: ["umzug", "organisation"],
        blocks: [
          { h2: "Was lief gut?" },
          { p: "Frühe Einbindung der ADV: Telefone und Drucker funktionierten am ersten Tag." },
          { h2: "Was würden wir anders machen?" },
          { p: "Aktenbestände vorher digitalisieren (E-Akte), statt Kartons zu tragen." },
        ],
      },
    ],
  },
  {
    key: "digitalisierung",
    name: "Digitalisierung und OZG",
    nameDsb: "Digitalizacija",
    description: "Onlinezugangsgesetz, E-Akte und digitale Antragsstrecken.",
    unit: "ST-DIGI",
    articles: [
      {
        title: "Onlinezugangsgesetz: Stand der Umsetzung im Landkreis",
        template: "FREI",
        unit: "ST-DIGI",
        tags: ["ozg", "digitalisierung"],
        blocks: [
          { p: "Der Landkreis bietet 120 Leistungen digital an. Priorität haben Leistungen mit hohen Fallzahlen." },
        ],
      },
      {
        title: "Einführung der E-Akte im Fachbereich",
        template: "PROZESS",
        unit: "ST-DIGI",
        tags: ["e-akte", "dms"],
        blocks: [
          {
            p: "Das Dokumentenmanagementsystem ersetzt die Papierakte schrittweise. Schulungen bietet die Online-Akademie an.",
          },
        ],
      },
      {
        title: "Zweisprachige Beschilderung: Ansprechpartner Šćěpan Łužyca",
        template: "FREI",
        unit: "ST-SORB",
        tags: ["sorbisch", "wendisch"],
        titleDsb: "Dwójorědne wupokazowanje",
        blocks: [
          {
            p: "Für Übersetzungen ins Niedersorbische wenden Sie sich an die Stabsstelle Sorbische/Wendische Angelegenheiten.",
          },
        ],
      },
    ],
  },
];

const text = (value: string) => ({
  type: "text",
  version: 1,
  text: value,
  format: 0,
  style: "",
  mode: "normal",
  detail: 0,
});
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  direction: null,
  format: "",
  indent: 0,
  children,
  ...extra,
});

function lexical(blocks: readonly TDemoBlock[]) {
  return {
    root: element(
      "root",
      blocks.map((b) =>
        "h2" in b
          ? element("heading", [text(b.h2)], { tag: "h2" })
          : element("paragraph", [text(b.p)], { textFormat: 0, textStyle: "" }),
      ),
    ),
  };
}

const plain = (blocks: readonly TDemoBlock[]) => blocks.map((b) => ("h2" in b ? b.h2 : b.p)).join("\n");

export async function seedKnowledge(db: Db): Promise<{ spaces: number; articles: number }> {
  const units = new Map((await db.orgUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const owner =
    (await db.user.findUnique({ where: { email: "redaktion@demo.kreisnetz.de" }, select: { id: true } })) ??
    (await db.user.findFirst({ where: { deactivatedAt: null, isSystem: false }, select: { id: true } }));
  if (!owner) return { spaces: 0, articles: 0 };
  let articles = 0;
  for (const space of SPACES) {
    const unitId = space.unit ? (units.get(space.unit) ?? null) : null;
    const row = await db.knowledgeSpace.upsert({
      where: { key: space.key },
      update: {},
      create: {
        key: space.key,
        name: space.name,
        nameDsb: space.nameDsb ?? null,
        description: space.description,
        unitId,
        access: "OPEN",
        isDemo: true,
      },
      select: { id: true },
    });
    for (const article of space.articles) {
      articles += 1;
      if (
        await db.knowledgeArticle.findFirst({ where: { spaceId: row.id, title: article.title }, select: { id: true } })
      )
        continue;
      const ownerUnitId = units.get(article.unit) ?? unitId;
      if (!ownerUnitId) continue;
      const content = lexical(article.blocks) as unknown as Prisma.InputJsonValue;
      await db.knowledgeArticle.create({
        data: {
          spaceId: row.id,
          title: article.title,
          titleDsb: article.titleDsb ?? null,
          content,
          bodyText: plain(article.blocks),
          template: article.template,
          tags: article.tags,
          ownerUnitId,
          ownerId: owner.id,
          isDemo: true,
          versions: {
            create: {
              version: 1,
              title: article.title,
              content,
              bodyText: plain(article.blocks),
              tags: article.tags,
              authorId: owner.id,
            },
          },
        },
      });
    }
  }
  return { spaces: SPACES.length, articles };
}
