import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createUnit } from "@kreisnetz/seeds/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { failure } from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";
import { MAX_IMAGE_BYTES, sniffImageType } from "./image-rules.ts";

const h = setupHarness();
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kreisnetz-news-images-"));
  h.services.newsImageDir = dir;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#0b4f8a" } })
    .png()
    .toBuffer();

/** A post with this cover image and, optionally, an inline image (Lexical JSON). */
function postWith(coverImageId: string, inlineSrc?: string) {
  const text = { type: "text", version: 1, text: "x" };
  const image = { type: "image", version: 1, src: inlineSrc, altText: "Tafel" };
  const paragraph = { type: "paragraph", version: 1, children: inlineSrc ? [text, image] : [text] };
  return {
    kind: "NEWS" as const,
    title: "Mit Bildern",
    teaser: "",
    body: { root: { type: "root", version: 1, children: [paragraph] } },
    coverImageId,
    storyUnitIds: [],
    teamOfMonth: false,
  };
}

describe("news images", () => {
  it("stores a sniffed, re-encoded image in resized WebP variants and serves it to its uploader", async () => {
    const staff = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(staff);
    const uploaded = await caller.news.uploadImage({
      data: new Uint8Array(await png(2400, 1200)),
      alt: "Das neue Kreishaus",
    });
    expect(uploaded).toMatchObject({
      alt: "Das neue Kreishaus",
      width: 2400,
      height: 1200,
      src: `/uploads/news/${uploaded.id}/large`,
    });
    const files = (await fs.readdir(path.join(dir, uploaded.id))).sort();
    expect(files).toEqual(["large.webp", "medium.webp", "thumb.webp"]);
    const large = await sharp(path.join(dir, uploaded.id, "large.webp")).metadata();
    expect([large.format, large.width, large.height]).toEqual(["webp", 1600, 800]);
    expect((await sharp(path.join(dir, uploaded.id, "thumb.webp")).metadata()).width).toBe(320);

    const own = await caller.news.imageFile({ id: uploaded.id, variant: "medium" });
    expect(own.mime).toBe("image/webp");
    expect(sniffImageType(Buffer.from(own.base64, "base64"))).toBe("image/webp");
    expect(
      describeError(await failure(h.anonymousCaller().news.imageFile({ id: uploaded.id, variant: "large" }))).code,
    ).toBe("UNAUTHORIZED");
    const other = await h.callerFor(await h.userWith(["STAFF"]));
    expect(describeError(await failure(other.news.imageFile({ id: crypto.randomUUID(), variant: "large" }))).code).toBe(
      "NOT_FOUND",
    );

    const post = await caller.news.create({ ...postWith(uploaded.id), audience: "ALL", unitIds: [] });
    expect(post.coverImage).toEqual({ id: uploaded.id, alt: "Das neue Kreishaus" });
  });

  it("shows an image only to readers of a post that shows it (its uploader and editors always)", async () => {
    const db = h.services.db;
    const [unitA, unitB] = [
      (await createUnit(db, { name: "FB Bildung" })).id,
      (await createUnit(db, { name: "FB Bau" })).id,
    ];
    const author = await h.userWith(["STAFF"], unitA);
    const editor = await h.callerFor(await h.userWith(["EDITOR"]));
    const inA = await h.callerFor(await h.userWith(["STAFF"], unitA));
    const inB = await h.callerFor(await h.userWith(["STAFF"], unitB));
    const asAuthor = await h.callerFor(author);
    const cover = await asAuthor.news.uploadImage({ data: new Uint8Array(await png(800, 400)), alt: "Schulhof" });
    const inline = await asAuthor.news.uploadImage({ data: new Uint8Array(await png(800, 400)), alt: "Tafel" });
    const codeFor = async (caller: typeof inA, id: string) =>
      describeError(await failure(caller.news.imageFile({ id, variant: "thumb" }))).code;

    // A draft for unit A with a cover and an inline image: nobody but the author and editors sees them yet.
    const post = await asAuthor.news.create({ ...postWith(cover.id, inline.src), audience: "UNITS", unitIds: [unitA] });
    for (const id of [cover.id, inline.id]) {
      expect(await codeFor(inA, id)).toBe("NOT_FOUND");
      expect((await editor.news.imageFile({ id, variant: "thumb" })).mime).toBe("image/webp");
    }
    // Published for unit A: its readers see both images, another unit's staff sees neither.
    await asAuthor.news.submit({ id: post.id });
    await editor.news.publish({ id: post.id });
    for (const id of [cover.id, inline.id]) {
      expect((await inA.news.imageFile({ id, variant: "thumb" })).mime).toBe("image/webp");
      expect(await codeFor(inB, id)).toBe("NOT_FOUND");
    }
  });

  it("refuses disguised files, undecodable bytes, oversized files and missing alt text, storing nothing", async () => {
    const caller = await h.callerFor(await h.userWith(["STAFF"]));
    const before = await h.services.db.newsImage.count();
    const dirsBefore = (await fs.readdir(dir)).length;
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    const fakePng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const huge = new Uint8Array(MAX_IMAGE_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    const key = async (data: Uint8Array<ArrayBuffer>, alt = "Bild") =>
      describeError(await failure(caller.news.uploadImage({ data, alt }))).messageKey;
    expect(await key(svg)).toBe("news.error.imageType");
    expect(await key(fakePng)).toBe("news.error.imageType");
    expect(await key(huge)).toBe("news.error.imageTooLarge");
    expect(await key(new Uint8Array(await png(10, 10)), "   ")).toBe("errors.badInput");
    expect(await h.services.db.newsImage.count()).toBe(before);
    expect((await fs.readdir(dir)).length).toBe(dirsBefore);
    expect(describeError(await failure(h.anonymousCaller().news.uploadImage({ data: svg, alt: "x" }))).code).toBe(
      "UNAUTHORIZED",
    );
  });
});
