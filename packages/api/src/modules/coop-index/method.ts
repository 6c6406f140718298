import { DEFAULT_METHOD_V1, validateMethod } from "@kreisnetz/coop-index/method";
import type { MethodConfig } from "@kreisnetz/coop-index/types";
import type { DbOrTx } from "@kreisnetz/db/client";

export type TStoredMethod = { version: number; config: MethodConfig; createdAt: Date };

function fromRow(row: { version: number; config: unknown; createdAt: Date }): TStoredMethod {
  const stored = row.config as Partial<MethodConfig>;
  // Older rows may lack fields added later: the v1 defaults fill them, the version stays the row's.
  const config: MethodConfig = {
    ...DEFAULT_METHOD_V1,
    ...stored,
    thresholds: { ...DEFAULT_METHOD_V1.thresholds, ...stored.thresholds },
    methodVersion: String(row.version),
  };
  validateMethod(config);
  return { version: row.version, config, createdAt: row.createdAt };
}

/** The method in force: the newest version; v1 of COOP-INDEX.md is written on first use. */
export async function currentMethod(db: DbOrTx): Promise<TStoredMethod> {
  const row = await db.coopMethodVersion.findFirst({ orderBy: { version: "desc" } });
  if (row) return fromRow(row);
  const created = await db.coopMethodVersion.upsert({
    where: { version: 1 },
    update: {},
    create: { version: 1, config: { ...DEFAULT_METHOD_V1, methodVersion: "1" } as object },
  });
  return fromRow(created);
}

export async function methodVersion(db: DbOrTx, version: number): Promise<TStoredMethod | null> {
  const row = await db.coopMethodVersion.findUnique({ where: { version } });
  return row ? fromRow(row) : null;
}
