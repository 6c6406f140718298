import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, "..");

/**
 * Applies committed migrations with `prisma migrate deploy` on the WASM schema
 * engine through the pg adapter: no binary download (STACK.md).
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma/build/index.js");
  const { stdout } = await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  return stdout;
}
