import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@kreisnetz/shared/errors";
import type { MessageKey } from "@kreisnetz/shared/i18n";
import { MAX_ATTACHMENT_BYTES } from "@kreisnetz/shared/schemas/task-details";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type { TContext } from "../../context.ts";
import { acceptSniffed, safeFileName, type TSniffed } from "./rules.ts";

/**
 * File storage for attachments (tasks, knowledge articles): the bytes live in
 * `ctx.uploadsDir` under a random key, the row in the feature's own table. The
 * checks (size, emptiness, content type sniffed from the bytes against the
 * allowlist) and the error keys are the same everywhere.
 */

/** What an upload procedure answers (`storeFile`'s result). */
export const ZStoredAttachment = z.object({ id: z.string(), contentType: z.string(), size: z.number().int() });

/** What a download procedure answers (`fileContent`). */
export const ZAttachmentContent = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  dataBase64: z.string(),
});

function fileError(key: MessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError("BAD_INPUT", key, params, { file: key });
}

export function uploadsDir(ctx: Pick<TContext, "uploadsDir">): string {
  if (!ctx.uploadsDir) throw new AppError("BAD_INPUT", "attachments.error.unavailable");
  return ctx.uploadsDir;
}

/**
 * Decodes an upload and checks its size before anything else: base64 only, at
 * most MAX_ATTACHMENT_BYTES, not empty. Throws translated field errors.
 */
export function decodeUpload(dataBase64: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) throw fileError("attachments.error.type");
  const bytes = Buffer.from(dataBase64, "base64");
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw fileError("attachments.error.tooLarge", { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  }
  if (bytes.length === 0) throw fileError("attachments.error.empty");
  return bytes;
}

/** The content type from the bytes (never from the name or the browser), refused unless on the allowlist. */
export async function sniffUpload(bytes: Buffer): Promise<TSniffed> {
  const type = acceptSniffed(await fileTypeFromBuffer(bytes), bytes);
  if (!type) throw fileError("attachments.error.type");
  return type;
}

export { safeFileName };

/**
 * Writes the bytes under a new storage key, then runs `save` (the transaction
 * that inserts the row). If it fails, the file is removed again, so no row ever
 * points at a missing file and no file outlives a refused write.
 */
export async function storeFile<T>(
  ctx: Pick<TContext, "uploadsDir">,
  bytes: Buffer,
  save: (storageKey: string) => Promise<T>,
): Promise<T> {
  const dir = uploadsDir(ctx);
  const storageKey = randomUUID();
  const file = path.join(dir, storageKey);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(file, bytes, { mode: 0o600 });
  try {
    return await save(storageKey);
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
}

/** The stored bytes; a missing file is NOT_FOUND like a missing row. */
export async function readFile(ctx: Pick<TContext, "uploadsDir">, storageKey: string): Promise<Buffer> {
  return fs.readFile(path.join(uploadsDir(ctx), storageKey)).catch(() => {
    throw new AppError("NOT_FOUND", "errors.notFound");
  });
}

/** Removes the bytes (after the row's deletion has committed). */
export async function removeFile(ctx: Pick<TContext, "uploadsDir">, storageKey: string): Promise<void> {
  await fs.rm(path.join(uploadsDir(ctx), storageKey), { force: true });
}

/** What a download procedure returns (the web route turns it into a response). */
export async function fileContent(
  ctx: Pick<TContext, "uploadsDir">,
  row: { fileName: string; contentType: string; size: number; storageKey: string },
) {
  const data = await readFile(ctx, row.storageKey);
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, dataBase64: data.toString("base64") };
}
