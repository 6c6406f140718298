import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
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

describe("news images", () => {
  it("stores a sniffed, re-encoded image in resized WebP variants and serves it to logged-in people", async () => {
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

    const other = await h.callerFor(await h.userWith(["STAFF"]));
    const file = await other.news.imageFile({ id: uploaded.id, variant: "medium" });
    expect(file.mime).toBe("image/webp");
    expect(sniffImageType(Buffer.from(file.base64, "base64"))).toBe("image/webp");
    expect(
      describeError(await failure(h.anonymousCaller().news.imageFile({ id: uploaded.id, variant: "large" }))).code,
    ).toBe("UNAUTHORIZED");
    expect(describeError(await failure(other.news.imageFile({ id: crypto.randomUUID(), variant: "large" }))).code).toBe(
      "NOT_FOUND",
    );

    const post = await caller.news.create({
      kind: "NEWS",
      title: "Mit Titelbild",
      teaser: "",
      body: {
        root: {
          type: "root",
          version: 1,
          children: [{ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: "x" }] }],
        },
      },
      coverImageId: uploaded.id,
      audience: "ALL",
      unitIds: [],
      storyUnitIds: [],
      teamOfMonth: false,
    });
    expect(post.coverImage).toEqual({ id: uploaded.id, alt: "Das neue Kreishaus" });
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
