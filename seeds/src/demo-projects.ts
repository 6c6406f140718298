import type { Db, Tx } from "@kreisnetz/db/client";

type TDemoTask = { title: string; dueInDays: number | null; column: 0 | 1 | 2; assignee: string | null };

type TDemoProject = {
  key: string;
  title: string;
  leadUnit: string;
  units: string[];
  visibility: "ALL_STAFF" | "MEMBERS";
  /** E-mail -> role; the first LEAD is the creator. */
  members: [string, "LEAD" | "MEMBER" | "GUEST"][];
  tasks: TDemoTask[];
  milestone: { title: string; dueInDays: number; taskIndexes: number[] };
  meeting: {
    title: string;
    inDays: number;
    hour: number;
    location: string;
    agenda: { title: string; notes: string; decision: string | null }[];
    action: { title: string; owner: string; dueInDays: number; taskIndex: number | null };
    approved: boolean;
  };
};

const LENA = "mitarbeiterin@demo.kreisnetz.de";
const ANJA = "admin@demo.kreisnetz.de";
const JAN = "redaktion@demo.kreisnetz.de";
const MARTINA = "leitung@demo.kreisnetz.de";

/** Cross-department demo projects: each led by one unit, with people from others. */
const PROJECTS: TDemoProject[] = [
  {
    key: "EAKTE",
    title: "Einführung der E-Akte im Bauamt",
    leadUnit: "FB-BAU",
    units: ["SG-ADV", "ST-DS", "PR"],
    visibility: "ALL_STAFF",
    members: [
      [LENA, "LEAD"],
      [ANJA, "MEMBER"],
      ["person010@demo.kreisnetz.de", "MEMBER"],
      [MARTINA, "GUEST"],
    ],
    tasks: [
      { title: "Ist-Prozess Bauantrag aufnehmen", dueInDays: -5, column: 2, assignee: LENA },
      { title: "Datenschutz-Folgenabschätzung vorbereiten", dueInDays: -2, column: 1, assignee: ANJA },
      { title: "Personalrat beteiligen", dueInDays: 4, column: 0, assignee: LENA },
      {
        title: "Scanstraße für Altakten ausschreiben",
        dueInDays: 21,
        column: 0,
        assignee: "person010@demo.kreisnetz.de",
      },
      { title: "Schulung der Pilotgruppe planen", dueInDays: 35, column: 0, assignee: null },
    ],
    milestone: { title: "Pilotbetrieb gestartet", dueInDays: 45, taskIndexes: [0, 1, 2, 4] },
    meeting: {
      title: "Projektsitzung E-Akte",
      inDays: -7,
      hour: 10,
      location: "Beratungsraum 2.14, Landratsamt",
      agenda: [
        { title: "Stand des Projekts und Meilensteine", notes: "Ist-Aufnahme abgeschlossen.", decision: null },
        {
          title: "Datenschutz und Beteiligung",
          notes: "Die Datenschutzbeauftragte prüft die Folgenabschätzung bis Monatsende.",
          decision: "Der Personalrat wird vor dem Pilotbetrieb beteiligt.",
        },
        { title: "Nächste Schritte und Termine", notes: "Ausschreibung der Scanstraße vorbereiten.", decision: null },
      ],
      action: { title: "Personalrat beteiligen", owner: LENA, dueInDays: 4, taskIndex: 2 },
      approved: true,
    },
  },
  {
    key: "RADWEG",
    title: "Radweg Spreewaldbahn: Planung und Förderung",
    leadUnit: "FB-KSB",
    units: ["FB-BAU", "FB-UMW", "FB-WIRT"],
    visibility: "ALL_STAFF",
    members: [
      ["person020@demo.kreisnetz.de", "LEAD"],
      [LENA, "MEMBER"],
      ["person021@demo.kreisnetz.de", "MEMBER"],
      [JAN, "GUEST"],
    ],
    tasks: [
      { title: "Trassenvarianten mit der Naturschutzbehörde abstimmen", dueInDays: 10, column: 1, assignee: LENA },
      {
        title: "Fördermittelantrag beim Land stellen",
        dueInDays: 30,
        column: 0,
        assignee: "person021@demo.kreisnetz.de",
      },
      { title: "Bürgerinformation vorbereiten", dueInDays: 50, column: 0, assignee: null },
    ],
    milestone: { title: "Förderantrag eingereicht", dueInDays: 30, taskIndexes: [0, 1] },
    meeting: {
      title: "Dienstberatung Radweg",
      inDays: 6,
      hour: 9,
      location: "Online",
      agenda: [
        { title: "Begrüßung und Feststellung der Tagesordnung", notes: "", decision: null },
        { title: "Berichte aus den Sachgebieten", notes: "", decision: null },
      ],
      action: { title: "Pressemitteilung zum Radweg entwerfen", owner: LENA, dueInDays: 20, taskIndex: null },
      approved: false,
    },
  },
  {
    key: "KITANET",
    title: "Kita-Platzvergabe online",
    leadUnit: "FB-JUG",
    units: ["SG-ADV", "ST-DIGI", "SG-KITA"],
    visibility: "MEMBERS",
    members: [
      ["person030@demo.kreisnetz.de", "LEAD"],
      [ANJA, "MEMBER"],
      ["person031@demo.kreisnetz.de", "MEMBER"],
    ],
    tasks: [
      { title: "Anforderungen der Träger sammeln", dueInDays: -1, column: 1, assignee: "person031@demo.kreisnetz.de" },
      { title: "Schnittstelle zum Fachverfahren klären", dueInDays: 14, column: 0, assignee: ANJA },
    ],
    milestone: { title: "Lastenheft fertig", dueInDays: 28, taskIndexes: [0, 1] },
    meeting: {
      title: "Projektsitzung Kita-Portal",
      inDays: 2,
      hour: 13,
      location: "Jugendamt, Raum 104",
      agenda: [{ title: "Stand des Projekts und Meilensteine", notes: "", decision: null }],
      action: { title: "Trägerbefragung auswerten", owner: ANJA, dueInDays: 12, taskIndex: null },
      approved: false,
    },
  },
];

const STATES = [
  { name: "Offen", group: "OPEN" },
  { name: "In Arbeit", group: "IN_PROGRESS" },
  { name: "Erledigt", group: "DONE" },
  { name: "Abgebrochen", group: "CANCELLED" },
] as const;

function day(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
}

/**
 * A few cross-department projects with tasks, a milestone and a meeting with minutes,
 * dated relative to today so the demo always has something overdue and upcoming.
 * Idempotent: a project whose key exists is left alone. No activity events: demo rows
 * are not collaboration and must not feed the cooperation index.
 */
export async function seedDemoProjects(db: Db): Promise<number> {
  const existing = new Set(
    (await db.project.findMany({ where: { key: { in: PROJECTS.map((p) => p.key) } }, select: { key: true } })).map(
      (p) => p.key,
    ),
  );
  const missing = PROJECTS.filter((p) => !existing.has(p.key));
  if (missing.length === 0) return 0;
  const emails = [...new Set(missing.flatMap((p) => p.members.map(([email]) => email)))];
  const users = new Map(
    (await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [
      u.email,
      u.id,
    ]),
  );
  const units = new Map((await db.orgUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  for (const project of missing) {
    await db.$transaction((tx) => createProject(tx, project, users, units), { timeout: 20_000 });
  }
  return missing.length;
}

async function createProject(tx: Tx, p: TDemoProject, users: Map<string, string>, units: Map<string, string>) {
  const user = (email: string) => users.get(email)!;
  const lead = user(p.members.find(([, role]) => role === "LEAD")![0]);
  const project = await tx.project.create({
    data: {
      key: p.key,
      title: p.title,
      leadUnitId: units.get(p.leadUnit)!,
      status: "ACTIVE",
      visibility: p.visibility,
      startDate: day(-30),
      endDate: day(180),
      taskCounter: p.tasks.length,
    },
    select: { id: true },
  });
  const projectId = project.id;
  await tx.projectUnit.createMany({ data: p.units.map((code) => ({ projectId, unitId: units.get(code)! })) });
  await tx.projectMember.createMany({
    data: p.members.map(([email, role]) => ({ projectId, userId: user(email), role })),
  });
  await tx.taskState.createMany({ data: STATES.map((s, position) => ({ projectId, ...s, position })) });
  const states = await tx.taskState.findMany({
    where: { projectId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const taskIds: string[] = [];
  for (const [i, task] of p.tasks.entries()) {
    const row = await tx.task.create({
      data: {
        projectId,
        number: i + 1,
        title: task.title,
        stateId: states[task.column]!.id,
        dueDate: task.dueInDays === null ? null : day(task.dueInDays),
        position: (i + 1) * 1024,
        completedAt: task.column === 2 ? new Date() : null,
      },
      select: { id: true },
    });
    taskIds.push(row.id);
    if (task.assignee) await tx.taskAssignee.create({ data: { taskId: row.id, userId: user(task.assignee) } });
  }
  const milestone = await tx.milestone.create({
    data: { projectId, title: p.milestone.title, dueDate: day(p.milestone.dueInDays) },
    select: { id: true },
  });
  await tx.milestoneTask.createMany({
    data: p.milestone.taskIndexes.map((i) => ({ milestoneId: milestone.id, taskId: taskIds[i]! })),
  });
  const m = p.meeting;
  const startsAt = day(m.inDays);
  startsAt.setUTCHours(m.hour - 1);
  const meeting = await tx.meeting.create({
    data: {
      projectId,
      title: m.title,
      startsAt,
      location: m.location,
      status: m.approved ? "APPROVED" : "DRAFT",
      approvedAt: m.approved ? new Date() : null,
      approvedById: m.approved ? lead : null,
      createdById: lead,
      updatedById: lead,
      version: m.approved ? 3 : 1,
    },
    select: { id: true },
  });
  await tx.meetingParticipant.createMany({
    data: p.members.map(([email]) => ({
      meetingId: meeting.id,
      userId: user(email),
      attended: m.inDays < 0 ? true : null,
    })),
  });
  await tx.meetingAgendaItem.createMany({
    data: m.agenda.map((item, i) => ({ meetingId: meeting.id, position: i + 1, ...item })),
  });
  await tx.meetingActionItem.create({
    data: {
      meetingId: meeting.id,
      title: m.action.title,
      ownerId: user(m.action.owner),
      dueDate: day(m.action.dueInDays),
      taskId: m.action.taskIndex === null ? null : taskIds[m.action.taskIndex]!,
    },
    select: { id: true },
  });
}
