import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma 6.19 with the WASM schema engine and the pg driver adapter: no binary
// download is needed for generate, migrate diff, deploy and status (STACK.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "prisma", "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "prisma", "migrations") },
  adapter: async () => new PrismaPg(pgConfigFromUrl(process.env.DATABASE_URL ?? "")),
});

/** Separate fields, not `connectionString`: the adapter's shadow-database code spreads
 *  the config and a connection string would win over its `database` (STACK.md bug 2). */
function pgConfigFromUrl(url: string) {
  if (!url) return {};
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}
