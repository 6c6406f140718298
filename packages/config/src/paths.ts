import path from "node:path";

/** The monorepo root (this file lives in packages/config/src). */
export const repoRoot = path.resolve(import.meta.dirname, "..", "..", "..");
