import { hashGeneratedSecret } from "@kreisnetz/auth/password";
import { generateInitialPassword } from "@kreisnetz/auth/tokens";
import { AppError } from "@kreisnetz/shared/errors";
import { translate } from "@kreisnetz/shared/i18n";
import { ROLES, type TRole } from "@kreisnetz/shared/permissions";
import type { TCreateUserInput, TUpdateUserInput, ZListUsersInput } from "@kreisnetz/shared/schemas/users";
import type { z } from "zod";
import { writeAudit } from "../../audit.ts";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { endSessions } from "../auth/session.ts";
import { parseStaffCsv, validateStaffRows, type TCsvRowResult } from "./csv.ts";
import { checkAccountChange, checkPasswordReset, type TPolicyViolation } from "./policy.ts";
import * as repo from "./repo.ts";

type Ctx = TContext & { actor: TActor };

const OBJECT_TYPE = "user";
/** A CSV import of the maximum size writes thousands of rows and events in one transaction. */
const IMPORT_TIMEOUT_MS = 120_000;
/** Parallel hashing of initial passwords: argon2 runs on libuv's thread pool (4 threads by default). */
const HASH_CONCURRENCY = 4;

function byRegistryOrder(roles: readonly TRole[]): TRole[] {
  return ROLES.filter((r) => roles.includes(r));
}

function policyError(violation: TPolicyViolation): AppError {
  return new AppError(violation.code, violation.key, {}, violation.field ? { [violation.field]: violation.key } : {});
}

const emailTakenError = () =>
  new AppError("CONFLICT", "adminUsers.error.emailTaken", {}, { email: "adminUsers.error.emailTaken" });

/** A unit people can be put into: it exists and is not dissolved. */
async function assertUsableUnit(db: Parameters<typeof repo.findUnit>[0], unitId: string): Promise<void> {
  const unit = await repo.findUnit(db, unitId);
  if (!unit)
    throw new AppError("NOT_FOUND", "adminUsers.error.unitNotFound", {}, { unitId: "adminUsers.error.unitNotFound" });
  if (unit.dissolvedAt) {
    throw new AppError("BAD_INPUT", "adminUsers.error.unitDissolved", {}, { unitId: "adminUsers.error.unitDissolved" });
  }
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", "errors.notFound");
}

/** Searchable, paginated account list; system accounts never appear. */
export async function listUsers(ctx: Ctx, input: z.output<typeof ZListUsersInput>) {
  const { page, pageSize } = input;
  const { items, total } = await repo.findUsers(
    ctx.db,
    { query: input.query, unitId: input.unitId, includeDeactivated: input.includeDeactivated },
    { skip: (page - 1) * pageSize, take: pageSize },
  );
  return {
    items: items.map(({ deactivatedAt, ...user }) => ({ ...user, deactivated: Boolean(deactivatedAt) })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** One account with its membership history, newest first. */
export async function getUser(ctx: Ctx, id: string) {
  const user = await repo.findUserDetail(ctx.db, id);
  if (!user) throw notFound();
  const { totpEnabledAt, memberships, ...rest } = user;
  return {
    ...rest,
    totpEnabled: Boolean(totpEnabledAt),
    memberships: memberships.map((m) => ({ id: m.id, unit: m.unit, validFrom: m.validFrom, validTo: m.validTo })),
  };
}

/** Units that accounts can be assigned to (until the org-units module offers its tree). */
export function unitOptions(ctx: Ctx) {
  return repo.listActiveUnits(ctx.db);
}

/**
 * Creates an account with a generated initial password, returned once: only its
 * hash is stored, and the person must replace it at the first login.
 */
export async function createUser(ctx: Ctx, input: TCreateUserInput) {
  await assertUsableUnit(ctx.db, input.unitId);
  if (await repo.emailTaken(ctx.db, input.email)) throw emailTakenError();
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashGeneratedSecret(initialPassword);
  const roles = byRegistryOrder(input.roles);
  try {
    const id = await mutate(ctx, async ({ tx, event }) => {
      const { id } = await repo.insertUser(
        tx,
        {
          email: input.email,
          name: input.name,
          jobTitle: input.jobTitle || null,
          unitId: input.unitId,
          roles,
          passwordHash,
        },
        new Date(),
      );
      await event({ verb: "user.created", objectType: OBJECT_TYPE, objectId: id, payload: { unitId: input.unitId } });
      await writeAudit(tx, {
        actorId: ctx.actor.id,
        action: "user.create",
        objectType: OBJECT_TYPE,
        objectId: id,
        details: { email: input.email, unitId: input.unitId, roles },
      });
      return id;
    });
    return { user: { id, email: input.email, name: input.name }, initialPassword };
  } catch (error) {
    if (repo.isUniqueViolation(error)) throw emailTakenError();
    throw error;
  }
}

/**
 * Changes name, job title, roles and unit. A unit change is effective-dated: the
 * open membership closes now and a new one opens, in the same transaction.
 */
export async function updateUser(ctx: Ctx, input: TUpdateUserInput): Promise<void> {
  await mutate(ctx, async ({ tx, event }) => {
    await repo.lockAccountAdministration(tx);
    const target = await repo.findAccount(tx, input.id);
    if (!target) throw notFound();
    const roles = byRegistryOrder(input.roles);
    const deactivated = Boolean(target.deactivatedAt);
    const violation = checkAccountChange({
      actorId: ctx.actor.id,
      target: { id: target.id, roles: target.roles, deactivated },
      next: { roles, deactivated },
      activeAdminCount: await repo.countActiveAdmins(tx),
    });
    if (violation) throw policyError(violation);

    const jobTitle = input.jobTitle || null;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (target.name !== input.name) changes.name = { from: target.name, to: input.name };
    if (target.jobTitle !== jobTitle) changes.jobTitle = { from: target.jobTitle, to: jobTitle };
    if (target.roles.join() !== roles.join()) changes.roles = { from: target.roles, to: roles };
    if (target.unitId !== input.unitId) changes.unitId = { from: target.unitId, to: input.unitId };
    if (Object.keys(changes).length === 0) return;

    if (changes.unitId) {
      await assertUsableUnit(tx, input.unitId);
      await repo.switchUnit(tx, target.id, input.unitId, new Date());
    }
    await repo.updateProfileFields(tx, target.id, { name: input.name, jobTitle, roles });
    await event({
      verb: "user.updated",
      objectType: OBJECT_TYPE,
      objectId: target.id,
      payload: { fields: Object.keys(changes) },
    });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.update",
      objectType: OBJECT_TYPE,
      objectId: target.id,
      details: { changes },
    });
  });
}

/**
 * Locks an account out at once: its sessions end (and its sockets drop) in the
 * same transaction. Membership history and content stay untouched.
 */
export async function deactivateUser(ctx: Ctx, id: string): Promise<void> {
  await mutate(ctx, async ({ tx, event }) => {
    await repo.lockAccountAdministration(tx);
    const target = await repo.findAccount(tx, id);
    if (!target) throw notFound();
    if (target.deactivatedAt) throw new AppError("CONFLICT", "adminUsers.error.alreadyDeactivated");
    const violation = checkAccountChange({
      actorId: ctx.actor.id,
      target: { id: target.id, roles: target.roles, deactivated: false },
      next: { roles: target.roles, deactivated: true },
      activeAdminCount: await repo.countActiveAdmins(tx),
    });
    if (violation) throw policyError(violation);
    await repo.setDeactivatedAt(tx, target.id, new Date());
    await event({ verb: "user.deactivated", objectType: OBJECT_TYPE, objectId: target.id });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.deactivate",
      objectType: OBJECT_TYPE,
      objectId: target.id,
    });
    await endSessions(ctx, tx, target.id);
  });
}

export async function reactivateUser(ctx: Ctx, id: string): Promise<void> {
  await mutate(ctx, async ({ tx, event }) => {
    const target = await repo.findAccount(tx, id);
    if (!target) throw notFound();
    if (!target.deactivatedAt) throw new AppError("CONFLICT", "adminUsers.error.alreadyActive");
    await repo.setDeactivatedAt(tx, target.id, null);
    await event({ verb: "user.reactivated", objectType: OBJECT_TYPE, objectId: target.id });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.reactivate",
      objectType: OBJECT_TYPE,
      objectId: target.id,
    });
  });
}

/** A new initial password (returned once), a forced change at next login, and no running sessions. */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ initialPassword: string }> {
  const violation = checkPasswordReset(ctx.actor.id, id);
  if (violation) throw policyError(violation);
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashGeneratedSecret(initialPassword);
  await mutate(ctx, async ({ tx, event }) => {
    const target = await repo.findAccount(tx, id);
    if (!target) throw notFound();
    await repo.setInitialPassword(tx, target.id, passwordHash, new Date());
    await event({ verb: "user.password-reset", objectType: OBJECT_TYPE, objectId: target.id });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.reset-password",
      objectType: OBJECT_TYPE,
      objectId: target.id,
    });
    await endSessions(ctx, tx, target.id);
  });
  return { initialPassword };
}

async function checkCsv(ctx: Ctx, csv: string): Promise<TCsvRowResult[]> {
  const rows = parseStaffCsv(csv);
  const codes = [...new Set(rows.map((r) => r.unitCode.trim().toUpperCase()).filter(Boolean))];
  const emails = [...new Set(rows.map((r) => r.email.trim().toLowerCase()).filter(Boolean))];
  const [units, existingEmails] = await Promise.all([
    repo.findUnitsByCodes(ctx.db, codes),
    repo.findTakenEmails(ctx.db, emails),
  ]);
  return validateStaffRows(rows, {
    units: new Map(units.map((u) => [u.code, { id: u.id, dissolved: Boolean(u.dissolvedAt) }])),
    existingEmails,
  });
}

/** Parses and checks a staff list without changing anything; every row gets a status and translated errors. */
export async function importPreview(ctx: Ctx, csv: string) {
  const results = await checkCsv(ctx, csv);
  const invalid = results.filter((r) => r.status === "error").length;
  return {
    rows: results.map((r) => ({
      line: r.line,
      email: r.email,
      name: r.name,
      unitCode: r.unitCode,
      roles: r.roles,
      jobTitle: r.jobTitle,
      status: r.status,
      errors: r.errors.map((e) => ({
        field: e.field,
        key: e.key as string,
        message: translate(ctx.locale, e.key, e.params),
      })),
    })),
    total: results.length,
    valid: results.length - invalid,
    invalid,
  };
}

/**
 * Creates every account of the file in one transaction, or none: any row with an
 * error refuses the whole import. Events are marked as system events, so a bulk
 * import never counts in the cooperation index.
 */
export async function importCommit(ctx: Ctx, csv: string) {
  const results = await checkCsv(ctx, csv);
  const invalid = results.filter((r) => r.status === "error").length;
  if (invalid > 0) throw new AppError("BAD_INPUT", "csv.error.hasErrors", { count: invalid });

  const passwords = results.map(() => generateInitialPassword());
  const hashes = await mapLimited(passwords, HASH_CONCURRENCY, hashGeneratedSecret);
  try {
    const ids = await mutate(
      ctx,
      async ({ tx, event }) => {
        const ids = await repo.insertUsers(
          tx,
          results.map((r, i) => ({
            email: r.email,
            name: r.name,
            jobTitle: r.jobTitle,
            unitId: r.unitId!,
            roles: r.roles,
            passwordHash: hashes[i]!,
          })),
          new Date(),
        );
        for (const [i, id] of ids.entries()) {
          await event({
            verb: "user.created",
            objectType: OBJECT_TYPE,
            objectId: id,
            payload: { unitId: results[i]!.unitId, source: "import" },
            isSystem: true,
          });
        }
        await writeAudit(tx, {
          actorId: ctx.actor.id,
          action: "user.import",
          objectType: OBJECT_TYPE,
          details: { count: ids.length },
        });
        return ids;
      },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
    return {
      count: ids.length,
      created: results.map((r, i) => ({
        line: r.line,
        id: ids[i]!,
        email: r.email,
        name: r.name,
        initialPassword: passwords[i]!,
      })),
    };
  } catch (error) {
    if (repo.isUniqueViolation(error)) throw new AppError("CONFLICT", "csv.error.changedMeanwhile");
    throw error;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
