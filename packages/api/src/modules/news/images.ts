import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@kreisnetz/shared/errors";
import sharp from "sharp";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { IMAGE_VARIANTS, MAX_IMAGE_BYTES, sniffImageType, type TImageVariant } from "./image-rules.ts";
import { isEditor } from "./policy.ts";
import { imageVisibleTo } from "./repo.ts";

type Ctx = TContext & { actor: TActor };

function imageDir(ctx: TContext): string {
  if (!ctx.newsImageDir) throw new Error("newsImageDir is not configured (TServices.newsImageDir)");
  return ctx.newsImageDir;
}

/** Where a variant lives: <newsImageDir>/<id>/<variant>.webp (ids are UUIDs, never user text). */
function variantPath(dir: string, id: string, variant: TImageVariant): string {
  return path.join(dir, id, `${variant}.webp`);
}

/**
 * Stores an uploaded image: the type is sniffed from its bytes (the name and the
 * browser's type are ignored), it must decode, and it is re-encoded into resized
 * WebP variants, which also drops metadata (EXIF, GPS) and anything appended.
 */
export async function uploadImage(ctx: Ctx, input: { data: Uint8Array; alt: string }) {
  if (input.data.byteLength > MAX_IMAGE_BYTES) {
    throw new AppError(
      "BAD_INPUT",
      "news.error.imageTooLarge",
      { max: MAX_IMAGE_BYTES / 1024 / 1024 },
      { file: "news.error.imageTooLarge" },
    );
  }
  const mime = sniffImageType(input.data);
  if (!mime) throw new AppError("BAD_INPUT", "news.error.imageType", {}, { file: "news.error.imageType" });
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input.data, { limitInputPixels: 40_000_000 }).metadata();
  } catch {
    throw new AppError("BAD_INPUT", "news.error.imageType", {}, { file: "news.error.imageType" });
  }
  const id = randomUUID();
  const dir = imageDir(ctx);
  await fs.mkdir(path.join(dir, id), { recursive: true });
  try {
    for (const [variant, size] of Object.entries(IMAGE_VARIANTS) as [TImageVariant, number][]) {
      await sharp(input.data, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
        .webp({ quality: 82 })
        .toFile(variantPath(dir, id, variant));
    }
  } catch {
    await fs.rm(path.join(dir, id), { recursive: true, force: true });
    throw new AppError("BAD_INPUT", "news.error.imageType", {}, { file: "news.error.imageType" });
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  await mutate(ctx, async ({ tx, event }) => {
    await tx.newsImage.create({
      data: { id, uploaderId: ctx.actor.id, alt: input.alt, mime, width, height, bytes: input.data.byteLength },
    });
    await event({
      verb: "news.image-uploaded",
      objectType: "news-image",
      objectId: id,
      payload: { mime, width, height },
    });
  });
  return { id, alt: input.alt, width, height, src: `/uploads/news/${id}/large` };
}

/**
 * A stored variant for the authenticated image route (bytes base64, so no server path leaves).
 * Only for its uploader, editors, and readers of a post that shows it: an image in a post for
 * one unit, or in a draft, is not readable by everyone who guesses its id.
 */
export async function imageFile(ctx: Ctx, input: { id: string; variant: TImageVariant }) {
  const image = await ctx.db.newsImage.findUnique({
    where: { id: input.id },
    select: { id: true, alt: true, uploaderId: true },
  });
  if (!image) throw new AppError("NOT_FOUND", "errors.notFound");
  const allowed =
    image.uploaderId === ctx.actor.id || isEditor(ctx.actor) || (await imageVisibleTo(ctx.db, image.id, ctx.actor));
  if (!allowed) throw new AppError("NOT_FOUND", "errors.notFound");
  const data = await fs.readFile(variantPath(imageDir(ctx), image.id, input.variant)).catch(() => null);
  if (!data) throw new AppError("NOT_FOUND", "errors.notFound");
  return { mime: "image/webp" as const, alt: image.alt, base64: data.toString("base64") };
}
