import { Prisma, readRows, type Db, type DbOrTx } from "@kreisnetz/db/client";

/** The `setting` row with the admin default for appearing offline (JSON boolean). */
export const DEFAULT_SETTING_KEY = "presence.appearOfflineDefault";

/** The person's own choice (null: none) and the default, in one statement (runs at every socket handshake). */
export async function visibility(db: Db, userId: string): Promise<{ choice: boolean | null; defaultValue: boolean }> {
  const [row] = await readRows<{ choice: boolean | null; defaultValue: boolean | null }>(
    db,
    Prisma.sql`
      SELECT (SELECT appear_offline FROM presence_preference WHERE user_id = ${userId}) AS choice,
             (SELECT (value #>> '{}')::boolean FROM setting WHERE key = ${DEFAULT_SETTING_KEY}
               AND jsonb_typeof(value) = 'boolean') AS "defaultValue"`,
  );
  return { choice: row?.choice ?? null, defaultValue: row?.defaultValue ?? false };
}

export async function setChoice(db: DbOrTx, userId: string, appearOffline: boolean | null): Promise<void> {
  if (appearOffline === null) {
    await db.presencePreference.deleteMany({ where: { userId } });
    return;
  }
  await db.presencePreference.upsert({
    where: { userId },
    create: { userId, appearOffline },
    update: { appearOffline },
  });
}

export async function setDefault(db: DbOrTx, appearOffline: boolean): Promise<void> {
  await db.setting.upsert({
    where: { key: DEFAULT_SETTING_KEY },
    create: { key: DEFAULT_SETTING_KEY, value: appearOffline },
    update: { value: appearOffline },
  });
}
