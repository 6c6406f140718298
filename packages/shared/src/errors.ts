import type { MessageKey } from "./i18n/index.ts";

/** Error codes shared by server and client; each maps to one tRPC/HTTP status. */
export const APP_ERROR_CODES = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
} as const;
export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

/**
 * A domain error: services throw it, one formatter turns it into a translated
 * message. `messageKey` is a catalog key, never free text, so every error can be
 * shown in German, Lower Sorbian and English.
 */
export class AppError extends Error {
  constructor(
    readonly code: TAppErrorCode,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    /** Per-field message keys, for forms. */
    readonly fieldErrors: Record<string, MessageKey> = {},
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}
