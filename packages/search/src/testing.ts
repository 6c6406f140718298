import { randomBytes } from "node:crypto";
import { ensureScopedKeys, MeiliSearchEngine } from "./meilisearch.server.ts";

/** A unique index prefix per test file, so files sharing one Meilisearch never collide. */
export function testSearchPrefix(): string {
  return `t${randomBytes(4).toString("hex")}_`;
}

/** An engine on its own prefix with scoped keys made from the master key (tests and benchmarks). */
export async function createTestEngine(host: string, masterKey: string, prefix = testSearchPrefix()) {
  const keys = await ensureScopedKeys(host, masterKey, prefix);
  const engine = new MeiliSearchEngine({ host, prefix, ...keys });
  await engine.ensureIndex();
  return engine;
}
