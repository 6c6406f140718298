import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@kreisnetz/db/test-db";
import { createUser, createUnit, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TLocale } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";
import { afterAll, beforeAll, inject } from "vitest";
import { createContext, type TServices } from "../src/context.ts";
import { EventLog } from "../src/events/event-log.ts";
import { createCaller } from "../src/router.ts";
import { resolveSession, createSession } from "../src/modules/auth/session.ts";

export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef";

export type THarness = {
  services: TServices;
  testDb: TestDatabase;
  /** A caller acting as this user through a real session row (as a request would). */
  callerFor(user: { id: string }, options?: { locale?: TLocale }): Promise<ReturnType<typeof createCaller>>;
  anonymousCaller(): ReturnType<typeof createCaller>;
  /** A fresh unit plus a user in it with the given roles (TOTP enabled for admins). */
  userWith(roles: TRole[], unitId?: string): Promise<TCreatedUser>;
};

/**
 * Gives the test file its own migrated database on the shared PostgreSQL server,
 * and helpers to act as users of any role. Call at the top level of a test file.
 */
export function setupHarness(): THarness {
  const harness = {} as THarness;
  beforeAll(async () => {
    const testDb = await createTestDatabase(inject("pgAdminUrl"));
    const events = new EventLog(testDb.db);
    const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "kreisnetz-uploads-"));
    const services: TServices = { db: testDb.db, events, sessionSecret: TEST_SESSION_SECRET, uploadsDir };
    Object.assign(harness, {
      services,
      testDb,
      async callerFor(user: { id: string }, options: { locale?: TLocale } = {}) {
        const token = await createSession(testDb.db, user.id, { secondFactorOk: true, userAgent: "vitest" });
        const resolved = await resolveSession(testDb.db, token);
        if (!resolved) throw new Error("test user has no valid session (deactivated?)");
        return createCaller(
          createContext(services, {
            actor: resolved.actor,
            session: resolved.session,
            locale: options.locale ?? "de",
            ip: "127.0.0.1",
            userAgent: "vitest",
          }),
        );
      },
      anonymousCaller() {
        return createCaller(
          createContext(services, { actor: null, session: null, locale: "de", ip: "127.0.0.1", userAgent: "vitest" }),
        );
      },
      async userWith(roles: TRole[], unitId?: string) {
        const unit = unitId ?? (await createUnit(testDb.db)).id;
        return createUser(testDb.db, {
          unitId: unit,
          roles,
          ...(roles.includes("ADMIN") ? { totpSecretKey: TEST_SESSION_SECRET } : {}),
        });
      },
    } satisfies THarness);
  });
  afterAll(async () => {
    await harness.testDb?.drop();
    if (harness.services?.uploadsDir) fs.rmSync(harness.services.uploadsDir, { recursive: true, force: true });
  });
  return harness;
}
