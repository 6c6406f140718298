import type { Db } from "@kreisnetz/db/client";
import type { TLocale } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";
import type { TSearchEngine } from "@kreisnetz/search/engine";
import type { EventLog } from "./events/event-log.ts";
import type { TMailer } from "./modules/notifications/mailer.ts";

/** The logged-in person as procedures see it. */
export type TActor = {
  id: string;
  email: string;
  name: string;
  unitId: string;
  roles: TRole[];
  locale: TLocale;
  totpEnabled: boolean;
  mustChangePassword: boolean;
};

export type TSessionInfo = { id: string; secondFactorOk: boolean; csrfToken: string };

/** Long-lived dependencies, built once at boot and shared by every request. */
export type TServices = {
  db: Db;
  events: EventLog;
  /** Keys recovery-code hashes and encrypts TOTP secrets at rest. */
  sessionSecret: string;
  /** Live connections (Socket.IO on every instance); absent in tests and scripts. */
  realtime?: TRealtime;
  /** Where uploaded news images and their variants are stored (DATA_DIR/news-images by default). */
  newsImageDir?: string;
  /** The search engine (Meilisearch); absent in tests that do not search: search answers "unavailable". */
  search?: TSearchEngine;
  /** Where attachment bytes are stored (DATA_DIR/attachments); attachments are refused without it. */
  uploadsDir?: string;
  /** SMTP delivery; absent when SMTP_URL is not configured (then no e-mail, only the inbox). */
  mailer?: TMailer | null;
};

/**
 * What services tell the live layer directly, after the fact. Calls reach every
 * instance (through the Socket.IO adapter) and must be cheap and safe to repeat.
 */
export type TRealtime = {
  /** A person's sessions ended (logout everywhere, deactivation): drop their sockets, except `keepSessionId`'s. */
  userSessionsEnded(userId: string, keepSessionId?: string): void;
  /** One session ended (logout): drop its sockets. */
  sessionEnded(sessionId: string): void;
  /** The person changed whether they appear offline. */
  presenceVisibilityChanged(userId: string, hidden: boolean): void;
};

export type TContext = TServices & {
  actor: TActor | null;
  session: TSessionInfo | null;
  locale: TLocale;
  ip: string;
  userAgent: string | null;
};

export function createContext(services: TServices, request: Omit<TContext, keyof TServices>): TContext {
  return { ...services, ...request };
}
