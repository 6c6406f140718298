import type { MessageKey } from "@kreisnetz/shared/i18n";

export function verificationKey(status: string): MessageKey {
  return status === "verified"
    ? "knowledge.verification.verified"
    : status === "due"
      ? "knowledge.verification.due"
      : "knowledge.verification.unverified";
}

/** "a, b , c" -> ["a", "b", "c"] */
export function parseTags(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
