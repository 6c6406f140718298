import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TServices } from "@kreisnetz/api/context";
import { ensureSnapshots } from "@kreisnetz/api/coop-index";
import { EventLog } from "@kreisnetz/api/events";
import { createKnowledgeHandover } from "@kreisnetz/api/knowledge";
import { startReviewReminderJob } from "@kreisnetz/api/knowledge-jobs";
import { startNewsScheduler } from "@kreisnetz/api/news-jobs";
import { createNotifier, createSmtpMailer, startReminderJob } from "@kreisnetz/api/notifications";
import { createSearchEngine, registerSearchIndexer, syncIndexAtStart } from "@kreisnetz/api/search";
import { purgeExpired } from "@kreisnetz/api/session";
import type { TPlatformEnv } from "@kreisnetz/config/env";
import { getDb } from "@kreisnetz/db/client";
import { migrateDatabase } from "@kreisnetz/db/migrate";
import { startEmbeddedMeilisearch, type EmbeddedMeiliHandle } from "@kreisnetz/embedded/meilisearch";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@kreisnetz/embedded/postgres";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "@kreisnetz/seeds/demo";
import { seedKnowledge } from "@kreisnetz/seeds/knowledge";

export type TPlatform = {
  services: TServices;
  databaseUrl: string;
  meiliHost: string;
  meiliKey: string;
  stop(): Promise<void>;
};

type TSecrets = { sessionSecret: string; meiliMasterKey: string };

/** Generated once per data directory when the environment does not set them (embedded default). */
function loadOrCreateSecrets(dataDir: string): TSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as TSecrets;
  const secrets = { sessionSecret: randomBytes(32).toString("hex"), meiliMasterKey: randomBytes(24).toString("hex") };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Brings up everything the web server needs: PostgreSQL and Meilisearch (embedded
 * unless DATABASE_URL / MEILI_HOST point elsewhere), migrations, demo data, the
 * event log. `stop` shuts them down in reverse order.
 */
export async function startPlatform(env: TPlatformEnv, log: (line: string) => void = console.log): Promise<TPlatform> {
  const secrets = loadOrCreateSecrets(env.DATA_DIR);
  const stops: (() => Promise<void>)[] = [];

  let pg: EmbeddedPostgresHandle | undefined;
  let meili: EmbeddedMeiliHandle | undefined;
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      log(`Starte PostgreSQL (eingebettet, ${path.join(env.DATA_DIR, "postgres")}) …`);
      pg = await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, "postgres"),
        port: env.EMBEDDED_PG_PORT,
        database: "kreisnetz",
      });
      stops.push(() => pg!.stop());
      databaseUrl = pg.url;
    }
    let meiliHost = env.MEILI_HOST;
    const meiliKey = env.MEILI_MASTER_KEY ?? secrets.meiliMasterKey;
    if (!meiliHost) {
      log(`Starte Meilisearch (eingebettet, ${path.join(env.DATA_DIR, "meilisearch")}) …`);
      meili = await startEmbeddedMeilisearch({
        dataDir: path.join(env.DATA_DIR, "meilisearch"),
        port: env.EMBEDDED_MEILI_PORT,
        masterKey: meiliKey,
      });
      stops.push(() => meili!.stop());
      meiliHost = meili.host;
    }

    log("Wende Datenbank-Migrationen an …");
    await migrateDatabase(databaseUrl);
    const db = getDb(databaseUrl);
    stops.unshift(() => db.$disconnect());

    if (env.SEED_DEMO) {
      const summary = await seedDemo(db);
      log(`Demo-Daten bereit: ${summary.units} Organisationseinheiten, ${summary.users} Personen.`);
      const knowledge = await seedKnowledge(db);
      log(`Demo-Wissensdatenbank: ${knowledge.spaces} Bereiche, ${knowledge.articles} Artikel.`);
    }
    // Cooperation index: the back series on first start (awaited, so the dashboard has trends at
    // once), later only the quarters that may still change, in the background.
    // Background work cut short by a stop (its database goes away) is redone at the next start:
    // the snapshots that may still change are recomputed, the search index is compared again.
    let stopping = false;
    stops.unshift(async () => {
      stopping = true;
    });
    const snapshots = await ensureSnapshots(db);
    const logged = snapshots.done.then(
      (done) => log(`Kooperationsindex: ${done.length} Quartalsstände berechnet.`),
      (error: unknown) => {
        if (!stopping) console.error("[coop-index]", error);
      },
    );
    if (snapshots.firstRun) await logged;

    const events = new EventLog(db, (error, handler) => console.error(`[events] ${handler}:`, error));
    // Scoped keys are made once with the master key; requests only ever use the scoped ones.
    const search = await createSearchEngine({
      host: meiliHost,
      prefix: env.MEILI_INDEX_PREFIX,
      masterKey: env.MEILI_SEARCH_KEY && env.MEILI_INDEX_KEY ? undefined : meiliKey,
      searchKey: env.MEILI_SEARCH_KEY,
      indexKey: env.MEILI_INDEX_KEY,
    });
    registerSearchIndexer(events, db, search);
    const mailer = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
    if (mailer) stops.unshift(async () => mailer.close());
    const notifierDeps = { db, mailer, publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`, events };
    events.register(createNotifier(notifierDeps));
    events.register(createKnowledgeHandover(db, events));
    events.start();
    void syncIndexAtStart(db, search, log).catch((error: unknown) => {
      if (!stopping) console.error("[search] start-up sync:", error);
    });
    stops.unshift(async () => events.stop());
    const stopNewsScheduler = startNewsScheduler(db, events, {
      onError: (error) => console.error("[news-scheduler]", error),
    });
    stops.unshift(async () => stopNewsScheduler());
    // Deadline reminders (due within 24 h, overdue), queued e-mail and daily digests, every 5 minutes.
    const stopReminders = startReminderJob(notifierDeps, 5 * 60 * 1000, (e) => console.error("[reminders]", e));
    stops.unshift(async () => stopReminders());
    // Knowledge articles: owners reminded 7 days before and on the review date, hourly.
    const stopReviewReminders = startReviewReminderJob(db, {
      onError: (error) => console.error("[knowledge-reviews]", error),
    });
    stops.unshift(async () => stopReviewReminders());
    await purgeExpired(db);

    return {
      services: {
        db,
        events,
        search,
        sessionSecret: env.SESSION_SECRET ?? secrets.sessionSecret,
        newsImageDir: env.NEWS_IMAGE_DIR ?? path.join(env.DATA_DIR, "news-images"),
        uploadsDir: path.join(env.DATA_DIR, "attachments"),
        mailer,
      },
      databaseUrl,
      meiliHost,
      meiliKey,
      stop: async () => {
        for (const stop of stops) await stop().catch((e) => console.error(e));
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

export function printDemoLogins(log: (line: string) => void = console.log): void {
  log("Demo-Zugänge (Passwort für alle: " + DEMO_PASSWORD + "):");
  for (const login of DEMO_LOGINS)
    log(`  ${login.email.padEnd(34)} ${login.role}${login.note ? ` – ${login.note}` : ""}`);
}
