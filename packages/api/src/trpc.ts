import { initTRPC } from "@trpc/server";
import { translate } from "@kreisnetz/shared/i18n";
import { hasPermission, requiresTotp, type TPermission } from "@kreisnetz/shared/permissions";
import superjson from "superjson";
import type { TActor, TContext } from "./context.ts";
import { AppError, describeError, toTrpcError } from "./errors.ts";

const t = initTRPC.context<TContext>().create({
  transformer: superjson,
  /** Every error leaves translated, with field errors, and without stack or SQL. */
  errorFormatter({ shape, error, ctx }) {
    const description = describeError(error);
    const locale = ctx?.locale ?? "de";
    return {
      message: translate(locale, description.messageKey, description.params),
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        appCode: description.code,
        messageKey: description.messageKey,
        fieldErrors: Object.fromEntries(
          Object.entries(description.fieldErrors).map(([field, e]) => [field, translate(locale, e.key, e.params)]),
        ),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Turns a domain AppError into a tRPC error with the matching HTTP status (403, 404, ...). */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    return { ...result, error: toTrpcError(result.error.cause) };
  }
  return result;
});

/** Logged in with a complete login (second factor done), setup duties not yet checked. */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor || !ctx.session?.secondFactorOk) throw new AppError("UNAUTHORIZED", "errors.unauthorized");
  return next({ ctx: { ...ctx, actor: ctx.actor as TActor, session: ctx.session } });
});

/**
 * Logged in and set up: a password chosen by the person, and TOTP where the
 * role requires it. Everything except the account's own set-up uses this.
 */
export const authedProcedure = accountProcedure.use(({ ctx, next }) => {
  if (ctx.actor.mustChangePassword) throw new AppError("FORBIDDEN", "errors.passwordChangeRequired");
  if (requiresTotp(ctx.actor.roles) && !ctx.actor.totpEnabled) throw new AppError("FORBIDDEN", "errors.totpRequired");
  return next();
});

/** Checks a global permission from the registry; object rules live in each module's policy. */
export function permissionProcedure(permission: TPermission) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!hasPermission(ctx.actor.roles, permission)) throw new AppError("FORBIDDEN", "errors.forbidden");
    return next();
  });
}
