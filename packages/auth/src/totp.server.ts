import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const ISSUER = "Kreisnetz Spree-Neiße";

function totpFor(secretBase32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit TOTP secret, base32 encoded. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, accountLabel: string): string {
  return totpFor(secretBase32, accountLabel).toString();
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
}

/**
 * Checks a code with one period of clock drift either way. Returns the time step
 * that matched, so the caller can refuse a code that was already used.
 */
export function verifyTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secretBase32, "verify");
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / 30) + delta;
}

/** The current code; for tests and the e2e login fixture. */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, "code").generate({ timestamp: now });
}
