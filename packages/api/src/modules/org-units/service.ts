import type { Tx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import type {
  TCreateOrgUnitInput,
  TDissolveOrgUnitInput,
  TMoveOrgUnitInput,
  TRenameOrgUnitInput,
} from "@kreisnetz/shared/schemas/org-units";
import { writeAudit } from "../../audit.ts";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { dissolveRefusal, movesUnderItself } from "./policy.ts";
import * as repo from "./repo.ts";

type Ctx = TContext & { actor: TActor };

const OBJECT_TYPE = "org-unit";

/** The whole tree in one list (about a hundred units), with active member counts for display. */
export async function tree(ctx: Ctx, options: { includeDissolved: boolean }) {
  const [units, counts] = await Promise.all([repo.listUnits(ctx.db, options), repo.activeMemberCounts(ctx.db)]);
  return units.map((unit) => ({ ...unit, activeMemberCount: counts.get(unit.id) ?? 0 }));
}

/** Creates a unit under an existing, not dissolved parent (or at the top); the code stays unique. */
export async function createUnit(ctx: Ctx, input: TCreateOrgUnitInput): Promise<repo.TUnitRow> {
  return mutate(ctx, async ({ tx, event }) => {
    await repo.lockTree(tx);
    if (await repo.codeExists(tx, input.code)) {
      throw new AppError("CONFLICT", "adminUnits.error.codeTaken", {}, { code: "adminUnits.error.codeTaken" });
    }
    if (input.parentId) await requireOpenParent(tx, input.parentId);
    const unit = await repo
      .insertUnit(tx, {
        code: input.code,
        name: input.name,
        nameDsb: input.nameDsb ?? null,
        kind: input.kind,
        parentId: input.parentId,
      })
      .catch((error: unknown) => {
        // Backstop for inserts that bypass the tree lock (seeds, imports).
        if (isUniqueViolation(error)) {
          throw new AppError("CONFLICT", "adminUnits.error.codeTaken", {}, { code: "adminUnits.error.codeTaken" });
        }
        throw error;
      });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "org-unit.create",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      details: {
        after: { code: unit.code, name: unit.name, nameDsb: unit.nameDsb, kind: unit.kind, parentId: unit.parentId },
      },
    });
    await event({
      verb: "org-unit.created",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      payload: { code: unit.code, parentId: unit.parentId },
    });
    return unit;
  });
}

/** Renames a unit; `nameDsb` undefined keeps the Sorbian name, null removes it. Unchanged names write nothing. */
export async function renameUnit(ctx: Ctx, input: TRenameOrgUnitInput): Promise<repo.TUnitRow> {
  return mutate(ctx, async ({ tx, event }) => {
    await repo.lockUnit(tx, input.id);
    const before = await requireOpenUnit(tx, input.id);
    const nameDsb = input.nameDsb === undefined ? before.nameDsb : input.nameDsb;
    if (before.name === input.name && before.nameDsb === nameDsb) return before;
    const unit = await repo.updateUnit(tx, input.id, { name: input.name, nameDsb });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "org-unit.rename",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      details: {
        before: { name: before.name, nameDsb: before.nameDsb },
        after: { name: unit.name, nameDsb: unit.nameDsb },
      },
    });
    await event({ verb: "org-unit.renamed", objectType: OBJECT_TYPE, objectId: unit.id, payload: { code: unit.code } });
    return unit;
  });
}

/**
 * Hangs a unit (with its whole subtree) under another one. Refused when the new
 * parent is the unit itself or lies inside its subtree, which would cut the
 * subtree off the tree in a loop.
 */
export async function moveUnit(ctx: Ctx, input: TMoveOrgUnitInput): Promise<repo.TUnitRow> {
  return mutate(ctx, async ({ tx, event }) => {
    await repo.lockTree(tx);
    const before = await requireOpenUnit(tx, input.id);
    await requireOpenParent(tx, input.parentId);
    if (movesUnderItself(await repo.ancestorLinks(tx, input.parentId), input.id, input.parentId)) {
      throw new AppError("BAD_INPUT", "adminUnits.error.cycle", {}, { parentId: "adminUnits.error.cycle" });
    }
    if (before.parentId === input.parentId) return before;
    const unit = await repo.updateUnit(tx, input.id, { parentId: input.parentId });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "org-unit.move",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      details: { before: { parentId: before.parentId }, after: { parentId: unit.parentId } },
    });
    await event({
      verb: "org-unit.moved",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      payload: { code: unit.code, fromParentId: before.parentId, toParentId: unit.parentId },
    });
    return unit;
  });
}

/**
 * Marks a unit as dissolved; the row stays so that history (events, memberships)
 * keeps pointing somewhere. Refused while people or existing units remain in it.
 */
export async function dissolveUnit(ctx: Ctx, input: TDissolveOrgUnitInput): Promise<repo.TUnitRow> {
  return mutate(ctx, async ({ tx, event }) => {
    await repo.lockTree(tx);
    if (!(await repo.lockUnit(tx, input.id))) throw new AppError("NOT_FOUND", "errors.notFound");
    const before = await requireUnit(tx, input.id);
    const activeMemberCount = await repo.countActiveMembers(tx, input.id);
    const activeChildCount = await repo.countActiveChildren(tx, input.id);
    const refusal = dissolveRefusal({ dissolvedAt: before.dissolvedAt, activeMemberCount, activeChildCount });
    if (refusal) throw new AppError("BAD_INPUT", refusal.key, refusal.params);
    const unit = await repo.updateUnit(tx, input.id, { dissolvedAt: new Date() });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "org-unit.dissolve",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      details: {
        code: unit.code,
        before: { dissolvedAt: null },
        after: { dissolvedAt: unit.dissolvedAt?.toISOString() ?? null },
      },
    });
    await event({
      verb: "org-unit.dissolved",
      objectType: OBJECT_TYPE,
      objectId: unit.id,
      payload: { code: unit.code, parentId: unit.parentId },
    });
    return unit;
  });
}

async function requireUnit(tx: Tx, id: string): Promise<repo.TUnitRow> {
  const unit = await repo.findUnit(tx, id);
  if (!unit) throw new AppError("NOT_FOUND", "errors.notFound");
  return unit;
}

async function requireOpenUnit(tx: Tx, id: string): Promise<repo.TUnitRow> {
  const unit = await requireUnit(tx, id);
  if (unit.dissolvedAt) throw new AppError("BAD_INPUT", "adminUnits.error.dissolved");
  return unit;
}

async function requireOpenParent(tx: Tx, parentId: string): Promise<repo.TUnitRow> {
  const parent = await repo.findUnit(tx, parentId);
  if (!parent) {
    throw new AppError(
      "NOT_FOUND",
      "adminUnits.error.parentNotFound",
      {},
      { parentId: "adminUnits.error.parentNotFound" },
    );
  }
  if (parent.dissolvedAt) {
    throw new AppError(
      "BAD_INPUT",
      "adminUnits.error.parentDissolved",
      {},
      { parentId: "adminUnits.error.parentDissolved" },
    );
  }
  return parent;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
