import type { TOrgUnitKind } from "@kreisnetz/shared/schemas/org-units";

export type TSeedUnit = {
  code: string;
  name: string;
  nameDsb?: string;
  kind: TOrgUnitKind;
  parent: string | null;
  /** Invented for the demo: not a unit the strategy names. */
  demo: boolean;
};

/**
 * The county's organisation tree for the demo. Units named in the strategy and
 * DESIGN.md are marked demo: false; the rest are plausible inventions (demo: true).
 */
export const ORG_UNITS: TSeedUnit[] = [
  {
    code: "VS",
    name: "Verwaltungsspitze (Landrat)",
    nameDsb: "Wjednjeństwo zastojnstwa (krajny rada)",
    kind: "VERWALTUNGSSPITZE",
    parent: null,
    demo: false,
  },
  {
    code: "ST-PRESSE",
    name: "Pressestelle",
    nameDsb: "Pśesowe městno",
    kind: "STABSSTELLE",
    parent: "VS",
    demo: false,
  },
  {
    code: "ST-DIGI",
    name: "Koordinierungsstelle für Digitalisierung",
    nameDsb: "Koordinaciske městno za digitalizaciju",
    kind: "STABSSTELLE",
    parent: "VS",
    demo: false,
  },
  { code: "ST-DS", name: "Datenschutz", nameDsb: "Šćit datow", kind: "STABSSTELLE", parent: "VS", demo: false },
  { code: "ST-ISB", name: "IT-Sicherheit", nameDsb: "IT-wěstota", kind: "STABSSTELLE", parent: "VS", demo: false },
  { code: "ST-GLS", name: "Gleichstellungsbeauftragte", kind: "STABSSTELLE", parent: "VS", demo: true },
  { code: "ST-RPA", name: "Rechnungsprüfungsamt", kind: "STABSSTELLE", parent: "VS", demo: true },
  {
    code: "ST-SORB",
    name: "Beauftragte für Angelegenheiten der Sorben/Wenden",
    nameDsb: "Zagronita za nastupnosći Serbow",
    kind: "STABSSTELLE",
    parent: "VS",
    demo: true,
  },
  { code: "PR", name: "Personalrat", nameDsb: "Personalna rada", kind: "PERSONALRAT", parent: "VS", demo: false },

  { code: "D1", name: "Dezernat I – Zentrale Verwaltung und Finanzen", kind: "DEZERNAT", parent: "VS", demo: true },
  { code: "FB70", name: "FB 70 Zentrale Dienste", kind: "FACHBEREICH", parent: "D1", demo: false },
  { code: "SG-ORG", name: "Organisation", kind: "SACHGEBIET", parent: "FB70", demo: false },
  { code: "SG-PERS", name: "Personalangelegenheiten", kind: "SACHGEBIET", parent: "FB70", demo: false },
  { code: "SG-SCHUL", name: "Schulungsteam (Online-Akademie)", kind: "SACHGEBIET", parent: "FB70", demo: false },
  { code: "SG-ADV", name: "ADV (Automatisierte Datenverarbeitung)", kind: "SACHGEBIET", parent: "FB70", demo: false },
  { code: "SG-ZD", name: "Zentrale Dienste und Beschaffung", kind: "SACHGEBIET", parent: "FB70", demo: true },
  { code: "FB-KAEM", name: "Kämmerei", kind: "FACHBEREICH", parent: "D1", demo: false },
  { code: "SG-HH", name: "Haushalt", kind: "SACHGEBIET", parent: "FB-KAEM", demo: true },
  { code: "SG-KASSE", name: "Kreiskasse", kind: "SACHGEBIET", parent: "FB-KAEM", demo: true },
  { code: "FB-RECHT", name: "Rechtsamt", kind: "FACHBEREICH", parent: "D1", demo: false },
  { code: "FB-ORD", name: "Ordnungsamt", kind: "FACHBEREICH", parent: "D1", demo: true },
  { code: "SG-BUERGER", name: "Bürgerservice und Zulassung", kind: "SACHGEBIET", parent: "FB-ORD", demo: true },

  { code: "D2", name: "Dezernat II – Bauen, Umwelt und Wirtschaft", kind: "DEZERNAT", parent: "VS", demo: true },
  { code: "FB-BAU", name: "FB Bau und Planung", kind: "FACHBEREICH", parent: "D2", demo: false },
  { code: "SG-PLAN", name: "Kreisplanung", kind: "SACHGEBIET", parent: "FB-BAU", demo: true },
  { code: "FB-BAUO", name: "FB Bauordnung", kind: "FACHBEREICH", parent: "D2", demo: false },
  { code: "SG-BAUG", name: "Baugenehmigungen", kind: "SACHGEBIET", parent: "FB-BAUO", demo: true },
  { code: "FB-KAT", name: "FB Kataster und Vermessung", kind: "FACHBEREICH", parent: "D2", demo: false },
  { code: "SG-GEO", name: "Geoinformation", kind: "SACHGEBIET", parent: "FB-KAT", demo: true },
  { code: "FB-KSB", name: "Kreis- und Straßenbauamt", kind: "FACHBEREICH", parent: "D2", demo: false },
  { code: "FB-UMW", name: "FB Umwelt und Landwirtschaft", kind: "FACHBEREICH", parent: "D2", demo: true },
  { code: "SG-WASSER", name: "Wasser und Boden", kind: "SACHGEBIET", parent: "FB-UMW", demo: true },
  { code: "FB-WIRT", name: "Wirtschaftsförderung und Strukturwandel", kind: "FACHBEREICH", parent: "D2", demo: true },

  { code: "D3", name: "Dezernat III – Soziales, Jugend und Gesundheit", kind: "DEZERNAT", parent: "VS", demo: true },
  { code: "FB-SOZ", name: "Sozialamt", kind: "FACHBEREICH", parent: "D3", demo: true },
  { code: "SG-HILFE", name: "Hilfe zum Lebensunterhalt", kind: "SACHGEBIET", parent: "FB-SOZ", demo: true },
  { code: "FB-JUG", name: "Jugendamt", kind: "FACHBEREICH", parent: "D3", demo: true },
  { code: "SG-KITA", name: "Kindertagesbetreuung", kind: "SACHGEBIET", parent: "FB-JUG", demo: true },
  { code: "FB-GES", name: "Gesundheitsamt", kind: "FACHBEREICH", parent: "D3", demo: true },
  { code: "FB-SCHULE", name: "Schulverwaltung und Kultur", kind: "FACHBEREICH", parent: "D3", demo: true },
  { code: "EB-ABFALL", name: "Eigenbetrieb Abfallwirtschaft", kind: "EIGENBETRIEB", parent: "VS", demo: true },
];
