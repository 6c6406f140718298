/** Image types accepted for upload, recognised by their first bytes, never by name or header. */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
export type TImageType = (typeof IMAGE_TYPES)[number];

/** Upload limit; the server's body limit (5 MB) leaves room for the form fields. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** Longest side of each stored variant, in pixels (all stored as WebP). */
export const IMAGE_VARIANTS = { large: 1600, medium: 800, thumb: 320 } as const;
export type TImageVariant = keyof typeof IMAGE_VARIANTS;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The image type from the file's magic bytes, or null (SVG, HTML, PDF, … are all refused). */
export function sniffImageType(bytes: Uint8Array): TImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return "image/gif";
  }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}
