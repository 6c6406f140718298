import {
  ORG_UNIT_KINDS,
  ZCreateOrgUnitInput,
  ZDissolveOrgUnitInput,
  ZMoveOrgUnitInput,
  ZRenameOrgUnitInput,
} from "@kreisnetz/shared/schemas/org-units";
import { z } from "zod";
import { authedProcedure, permissionProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZOrgUnit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameDsb: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  parentId: z.string().nullable(),
  dissolvedAt: z.date().nullable(),
});
const ZOrgUnitNode = ZOrgUnit.extend({ activeMemberCount: z.number().int() });

const ZTreeInput = z.object({ includeDissolved: z.boolean().default(false) }).default({ includeDissolved: false });

const manage = permissionProcedure("manage:org-units");

/** The organisational tree: everyone logged in may read it, only admins change it. */
export const orgUnitsRouter = router({
  tree: authedProcedure
    .input(ZTreeInput)
    .output(z.array(ZOrgUnitNode))
    .query(({ ctx, input }) => service.tree(ctx, input)),
  create: manage
    .input(ZCreateOrgUnitInput)
    .output(ZOrgUnit)
    .mutation(({ ctx, input }) => service.createUnit(ctx, input)),
  rename: manage
    .input(ZRenameOrgUnitInput)
    .output(ZOrgUnit)
    .mutation(({ ctx, input }) => service.renameUnit(ctx, input)),
  move: manage
    .input(ZMoveOrgUnitInput)
    .output(ZOrgUnit)
    .mutation(({ ctx, input }) => service.moveUnit(ctx, input)),
  dissolve: manage
    .input(ZDissolveOrgUnitInput)
    .output(ZOrgUnit)
    .mutation(({ ctx, input }) => service.dissolveUnit(ctx, input)),
});
