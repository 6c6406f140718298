/**
 * Creates a new migration without `prisma migrate dev` (its shadow-database path is
 * broken with the pg adapter, and `--from-schema-datasource` is refused with an adapter,
 * STACK.md): `migrate diff` compares the schema snapshot taken at the last migration
 * with schema.prisma, and a throwaway embedded PostgreSQL proves that all migrations,
 * the new one included, apply.
 *
 *   pnpm --filter @kreisnetz/db migration:new <name>
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@kreisnetz/embedded/postgres";
import { getFreePort } from "@kreisnetz/embedded/ports";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: migration:new <snake_case_name>");
  process.exit(1);
}

const packageDir = path.resolve(import.meta.dirname, "..");
const snapshot = path.join(packageDir, "prisma", "migrations", ".schema-snapshot.prisma");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kreisnetz-migration-"));
const pg = await startEmbeddedPostgres({
  dataDir: path.join(tmp, "pg"),
  port: await getFreePort(),
  database: "migrate",
});
try {
  const env = { ...process.env, DATABASE_URL: pg.url };
  const prisma = (...args: string[]) =>
    execFileSync("pnpm", ["exec", "prisma", ...args], { cwd: packageDir, env, encoding: "utf8" });
  const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = prisma("migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script");
  if (!/^\s*(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log("schema.prisma matches the migrations: nothing to do.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(packageDir, "prisma", "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(path.join(packageDir, "prisma", "schema.prisma"), snapshot);
    prisma("migrate", "deploy");
    console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await pg.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
