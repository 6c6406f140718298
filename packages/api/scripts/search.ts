/**
 * Search maintenance against a running installation:
 *   pnpm --filter @kreisnetz/api reindex       build a new index and swap it in (progress bar)
 *   pnpm --filter @kreisnetz/api search:check  report drift between PostgreSQL and the index
 * Uses DATABASE_URL / MEILI_HOST / MEILI_MASTER_KEY (or MEILI_SEARCH_KEY + MEILI_INDEX_KEY);
 * without them, the embedded defaults of `pnpm start` (ports and secrets under DATA_DIR).
 */
import fs from "node:fs";
import path from "node:path";
import { parsePlatformEnv } from "@kreisnetz/config/env";
import { getDb } from "@kreisnetz/db/client";
import { checkDrift, reindexAll } from "../src/modules/search/reindex.ts";
import { createSearchEngine } from "../src/modules/search/setup.ts";
import { SEARCH_SOURCES } from "../src/modules/search/sources/index.ts";

const command = process.argv[2];
const env = parsePlatformEnv();
const secretsFile = path.join(env.DATA_DIR, "secrets.json");
const secrets = fs.existsSync(secretsFile)
  ? (JSON.parse(fs.readFileSync(secretsFile, "utf8")) as { meiliMasterKey?: string })
  : {};
const databaseUrl = env.DATABASE_URL ?? `postgresql://kreisnetz:kreisnetz@127.0.0.1:${env.EMBEDDED_PG_PORT}/kreisnetz`;
const db = getDb(databaseUrl);
const engine = await createSearchEngine({
  host: env.MEILI_HOST ?? `http://127.0.0.1:${env.EMBEDDED_MEILI_PORT}`,
  prefix: env.MEILI_INDEX_PREFIX,
  masterKey: env.MEILI_MASTER_KEY ?? secrets.meiliMasterKey,
  searchKey: env.MEILI_SEARCH_KEY,
  indexKey: env.MEILI_INDEX_KEY,
});

function bar(done: number, total: number, label: string): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(pct).padStart(3)} % ${done}/${total} ${label.padEnd(10)}`;
}

try {
  if (command === "reindex") {
    const started = Date.now();
    const result = await reindexAll(db, engine, SEARCH_SOURCES, (p) =>
      process.stderr.write(bar(p.done, p.total, p.type)),
    );
    process.stderr.write("\n");
    console.log(
      `Neuer Index eingetauscht: ${result.documents} Dokumente, ${result.caughtUp} Nachträge, ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } else if (command === "check") {
    const drift = await checkDrift(db, engine, SEARCH_SOURCES);
    console.log(`PostgreSQL: ${drift.database} Dokumente, Index: ${drift.index} Dokumente.`);
    console.log(
      `Fehlen im Index: ${drift.missing.length}${drift.missing.length ? ` (z. B. ${drift.missing.slice(0, 5).join(", ")})` : ""}`,
    );
    console.log(
      `Überzählig im Index: ${drift.extra.length}${drift.extra.length ? ` (z. B. ${drift.extra.slice(0, 5).join(", ")})` : ""}`,
    );
    process.exitCode = drift.missing.length + drift.extra.length > 0 ? 1 : 0;
  } else {
    console.error("Aufruf: search.ts reindex | check");
    process.exitCode = 2;
  }
} finally {
  await db.$disconnect();
}
