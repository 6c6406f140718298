/**
 * Quality set of the search benchmark: 50 knowledge articles planted in the
 * generated corpus, each with a German query containing one or two typos (as
 * people type them). The expected item must be in the top 5.
 */
export type TQualityCase = { title: string; body: string; query: string };

export const QUALITY_SET: readonly TQualityCase[] = [
  {
    title: "Urlaubsantrag im Personalportal stellen",
    body: "Erholungsurlaub beantragen und genehmigen lassen.",
    query: "Urlaubsantarg",
  },
  {
    title: "Dienstreise beantragen",
    body: "Genehmigung vor Reiseantritt, Abrechnung der Reisekosten.",
    query: "Dienstreiese beantragen",
  },
  {
    title: "Reisekostenabrechnung einreichen",
    body: "Belege binnen sechs Monaten einreichen.",
    query: "Reisekostenabrechnugn",
  },
  { title: "VPN-Zugang einrichten", body: "Fernzugriff auf Fachverfahren von zu Hause.", query: "VPN Zugnag" },
  {
    title: "Passwort zurücksetzen lassen",
    body: "Die Hotline setzt Ihr Kennwort zurück.",
    query: "Pasword zurücksetzen",
  },
  { title: "Netzwerkdrucker verbinden", body: "Drucker des Flurs hinzufügen.", query: "Netzwerkdruker" },
  {
    title: "Onlinezugangsgesetz Umsetzungsstand",
    body: "Digitale Verwaltungsleistungen im Landkreis.",
    query: "Onlinezugangsgestz",
  },
  {
    title: "Einführung der elektronischen Akte",
    body: "Dokumentenmanagement statt Papierakte.",
    query: "elektronischen Akt Einführng",
  },
  {
    title: "Baugenehmigungsverfahren beschleunigen",
    body: "Vollständige Bauanträge und digitale Beteiligung.",
    query: "Baugenehmigungsverfaren",
  },
  {
    title: "Haushaltsplanentwurf vorbereiten",
    body: "Anmeldungen der Fachbereiche zum Haushalt.",
    query: "Haushaltsplanentwurff",
  },
  {
    title: "Kfz-Zulassung online beantragen",
    body: "Internetbasierte Fahrzeugzulassung.",
    query: "Kfz Zulasung online",
  },
  {
    title: "Gefährdungsbeurteilung am Arbeitsplatz",
    body: "Arbeitsschutz und Ergonomie im Büro.",
    query: "Gefährdungsbeurteilng",
  },
  {
    title: "Datenschutzfolgenabschätzung durchführen",
    body: "Wann eine Abschätzung nach DSGVO nötig ist.",
    query: "Datenschutzfolgenabschäzung",
  },
  {
    title: "Vergabeverfahren unterhalb der Schwellenwerte",
    body: "Unterschwellenvergabeordnung, Angebote einholen.",
    query: "Vergabeverfahern Schwellenwerte",
  },
  {
    title: "Winterdienst auf Kreisstraßen",
    body: "Räum- und Streupläne der Straßenmeisterei.",
    query: "Winterdinst Kreisstrassen",
  },
  {
    title: "Schulentwicklungsplanung fortschreiben",
    body: "Schülerzahlen und Standorte der Schulen.",
    query: "Schulentwicklungsplanug",
  },
  {
    title: "Jugendhilfeplanung Kindertagesstätten",
    body: "Bedarf an Kita-Plätzen im Landkreis.",
    query: "Jugendhilfeplannung",
  },
  { title: "Wohngeldantrag bearbeiten", body: "Prüfung der Einkommensverhältnisse.", query: "Wohngeldantarg" },
  {
    title: "Elterngeld und Elternzeit",
    body: "Hinweise für Beschäftigte vor der Geburt.",
    query: "Elterngelt Elternzeit",
  },
  {
    title: "Mobiles Arbeiten Dienstvereinbarung",
    body: "Regeln für Telearbeit und Homeoffice.",
    query: "Dienstvereinbarng mobiles Arbeiten",
  },
  {
    title: "Arbeitszeiterfassung im Zeitportal",
    body: "Gleitzeit buchen und Korrekturen beantragen.",
    query: "Arbeitszeiterfasung",
  },
  {
    title: "Fortbildungsantrag Online-Akademie",
    body: "Seminare buchen und genehmigen lassen.",
    query: "Fortbildungsantrg",
  },
  {
    title: "Bewerbungsverfahren Stellenausschreibung",
    body: "Ablauf von der Ausschreibung bis zur Einstellung.",
    query: "Stellenausschreibng",
  },
  {
    title: "Personalratsbeteiligung bei Einstellungen",
    body: "Mitbestimmung nach Personalvertretungsgesetz.",
    query: "Personalratsbeteiligun",
  },
  {
    title: "Gleichstellungsplan des Landkreises",
    body: "Ziele zur Förderung der Gleichstellung.",
    query: "Gleichstelungsplan",
  },
  {
    title: "Katastrophenschutz Alarmierungsplan",
    body: "Erreichbarkeit des Krisenstabs.",
    query: "Katastrophenschuz Alarmierung",
  },
  {
    title: "Rettungsdienstbereichsplan",
    body: "Standorte der Rettungswachen und Hilfsfristen.",
    query: "Rettungsdienstbereichsplam",
  },
  { title: "Abfallgebührensatzung", body: "Gebühren für Restabfall und Biotonne.", query: "Abfallgebührensatzug" },
  {
    title: "Sondernutzungserlaubnis für Straßen",
    body: "Baustellen und Veranstaltungen an Kreisstraßen.",
    query: "Sondernutzungserlaubniss",
  },
  {
    title: "Naturschutzrechtliche Genehmigung",
    body: "Eingriffe in Natur und Landschaft.",
    query: "Naturschutzrechtlich Genehmigng",
  },
  {
    title: "Gewässerunterhaltung Gräben",
    body: "Unterhaltungsverbände und Pflegepläne.",
    query: "Gewässerunterhaltng",
  },
  {
    title: "Tierseuchenbekämpfung Geflügelpest",
    body: "Sperrbezirke und Stallpflicht.",
    query: "Tierseuchenbekämfung",
  },
  {
    title: "Lebensmittelüberwachung Betriebskontrolle",
    body: "Kontrollen in Gaststätten und Betrieben.",
    query: "Lebensmittelüberwachnug",
  },
  {
    title: "Trinkwasserverordnung Probenahme",
    body: "Untersuchungen durch das Gesundheitsamt.",
    query: "Trinkwasserverordnug",
  },
  { title: "Schuleingangsuntersuchung", body: "Untersuchung vor der Einschulung.", query: "Schuleingangsuntersuhcung" },
  {
    title: "Eingliederungshilfe Antrag",
    body: "Leistungen für Menschen mit Behinderungen.",
    query: "Eingliederunghilfe",
  },
  { title: "Hilfe zur Pflege beantragen", body: "Sozialhilfe bei Pflegebedürftigkeit.", query: "Hilfe zur Plfege" },
  {
    title: "Bildung und Teilhabe Leistungen",
    body: "Schulbedarf, Ausflüge und Mittagessen.",
    query: "Bildung Teilhabe Leistungn",
  },
  {
    title: "Einbürgerung Antragsunterlagen",
    body: "Staatsangehörigkeit und Einbürgerungstest.",
    query: "Einbürgerrung",
  },
  {
    title: "Aufenthaltstitel verlängern",
    body: "Termin bei der Ausländerbehörde.",
    query: "Aufenthaltstittel verlängern",
  },
  {
    title: "Führerscheinumtausch Pflicht",
    body: "Fristen für den Umtausch alter Führerscheine.",
    query: "Führerscheinumtasch",
  },
  { title: "Gewerbeanmeldung elektronisch", body: "Anzeige eines Gewerbes online.", query: "Gewerbeanmeldnug" },
  {
    title: "Breitbandausbau Fördermittel",
    body: "Glasfaser in unterversorgten Gebieten.",
    query: "Breitbandausbaau Fördermittel",
  },
  {
    title: "Wirtschaftsförderung Ansiedlung",
    body: "Unterstützung für Unternehmen im Landkreis.",
    query: "Wirtschaftsförderug",
  },
  {
    title: "Tourismuskonzeption Spreewald",
    body: "Radwege, Kahnfahrten und Gästezahlen.",
    query: "Tourismuskonzepion",
  },
  { title: "Sorbische Sprache im Dienst", body: "Zweisprachigkeit in der Verwaltung.", query: "Sorbishe Sprache" },
  {
    title: "Rechnungsprüfung Jahresabschluss",
    body: "Prüfbericht des Rechnungsprüfungsamtes.",
    query: "Rechnungsprüfnug Jahresabschlus",
  },
  { title: "Beschaffung von Büromaterial", body: "Bestellung über den Warenkorb.", query: "Beschafung Büromaterial" },
  {
    title: "Telefonanlage Rufumleitung einrichten",
    body: "Anrufe auf das Diensthandy umleiten.",
    query: "Rufumleitug einrichten",
  },
  {
    title: "Sitzungsdienst Kreistagsvorlagen",
    body: "Fristen für Vorlagen im Ratsinformationssystem.",
    query: "Kreistagsvorlagn Sitzungsdienst",
  },
];
