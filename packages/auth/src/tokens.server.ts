import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A random URL-safe token (session ids, CSRF tokens, iCal tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What is stored for a token: never the token itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Ten recovery codes like "k7pq-2m9x-wd4f", easy to read aloud and type. */
export function generateRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/**
 * An initial password for a new or reset account, like "k7pq-2m9x-wd4f-h3tn":
 * 16 characters from an alphabet without look-alikes (about 79 bits), easy to
 * read aloud on the phone. Shown once; the person must replace it at first login.
 */
export function generateInitialPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  // Rejection sampling keeps every character equally likely (256 % 31 != 0).
  const limit = 256 - (256 % alphabet.length);
  const chars: string[] = [];
  while (chars.length < 16) {
    for (const byte of randomBytes(24)) {
      if (byte < limit && chars.length < 16) chars.push(alphabet[byte % alphabet.length]!);
    }
  }
  return chars.join("").replace(/(.{4})(?=.)/g, "$1-");
}

export function normaliseRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/(.{4})(?=.)/g, "$1-");
}

/** HMAC-keyed hash for recovery codes: a leaked table alone cannot be brute-forced offline. */
export function hashRecoveryCode(secret: string, code: string): string {
  return createHmac("sha256", secret).update(normaliseRecoveryCode(code)).digest("hex");
}

function keyFrom(secret: string): Buffer {
  return createHash("sha256").update(`kreisnetz:totp:${secret}`).digest();
}

/** AES-256-GCM for secrets at rest (TOTP seeds), keyed by SESSION_SECRET. */
export function encryptSecret(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(
    ".",
  );
}

export function decryptSecret(secret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
