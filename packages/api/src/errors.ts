import { TRPCError } from "@trpc/server";
import { AppError, APP_ERROR_CODES, type TAppErrorCode } from "@kreisnetz/shared/errors";
import type { MessageKey, TParams } from "@kreisnetz/shared/i18n";
import { fieldErrorsOf, type TFieldError } from "@kreisnetz/shared/zod-errors";
import { type ZodError } from "zod";

export { AppError };

/** What a client may learn about an error: a code, a catalog key, and field errors. */
export type TErrorDescription = {
  code: TAppErrorCode | "INTERNAL";
  messageKey: MessageKey;
  params: TParams;
  fieldErrors: Record<string, TFieldError>;
};

const TRPC_CODE: Record<TAppErrorCode, TRPCError["code"]> = {
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

const DEFAULT_KEY: Record<TAppErrorCode, MessageKey> = {
  UNAUTHORIZED: "errors.unauthorized",
  FORBIDDEN: "errors.forbidden",
  NOT_FOUND: "errors.notFound",
  BAD_INPUT: "errors.badInput",
  CONFLICT: "errors.conflict",
  TOO_MANY_REQUESTS: "errors.badInput",
};

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.messageKey, cause: error });
}

/**
 * Reduces any thrown value to what may reach the client. Unknown errors become
 * "internal" with no detail: no stack trace or SQL ever leaves the server.
 */
export function describeError(error: unknown): TErrorDescription {
  const cause = isNamed(error, "TRPCError") ? (error as TRPCError).cause : error;
  if (isNamed(cause, "AppError")) {
    const fieldErrors = Object.fromEntries(
      Object.entries(cause.fieldErrors).map(([field, key]) => [field, { key, params: {} }]),
    );
    return { code: cause.code, messageKey: cause.messageKey, params: cause.params, fieldErrors };
  }
  if (isNamed(cause, "ZodError")) {
    return { code: "BAD_INPUT", messageKey: "errors.badInput", params: {}, fieldErrors: fieldErrorsOf(cause) };
  }
  if (isNamed(error, "TRPCError")) {
    const code = (Object.keys(TRPC_CODE) as TAppErrorCode[]).find((c) => TRPC_CODE[c] === error.code);
    if (code) return { code, messageKey: DEFAULT_KEY[code], params: {}, fieldErrors: {} };
  }
  return { code: "INTERNAL", messageKey: "errors.internal", params: {}, fieldErrors: {} };
}

/**
 * Checks by name, not instanceof: the Remix bundle and the server may each hold
 * their own copy of these classes.
 */
function isNamed<T extends "AppError" | "ZodError" | "TRPCError">(
  value: unknown,
  name: T,
): value is T extends "AppError" ? AppError : T extends "ZodError" ? ZodError : TRPCError {
  return value instanceof Error && value.name === name;
}

export function httpStatusOf(description: TErrorDescription): number {
  return description.code === "INTERNAL" ? 500 : APP_ERROR_CODES[description.code];
}
