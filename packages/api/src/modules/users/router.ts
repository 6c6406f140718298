import { ZId } from "@kreisnetz/shared/schemas/common";
import { ZCreateUserInput, ZCsvImportInput, ZListUsersInput, ZUpdateUserInput } from "@kreisnetz/shared/schemas/users";
import { ROLES } from "@kreisnetz/shared/permissions";
import { z } from "zod";
import { permissionProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), nameDsb: z.string().nullable() });
const ZRoleList = z.array(z.enum(ROLES));

const ZUserListItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  roles: ZRoleList,
  mustChangePassword: z.boolean(),
  deactivated: z.boolean(),
  unit: ZUnitRef,
});

const ZUserDetail = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  roles: ZRoleList,
  mustChangePassword: z.boolean(),
  deactivatedAt: z.date().nullable(),
  totpEnabled: z.boolean(),
  createdAt: z.date(),
  unit: ZUnitRef,
  memberships: z.array(z.object({ id: z.string(), unit: ZUnitRef, validFrom: z.date(), validTo: z.date().nullable() })),
});

const ZImportPreview = z.object({
  rows: z.array(
    z.object({
      line: z.number(),
      email: z.string(),
      name: z.string(),
      unitCode: z.string(),
      roles: ZRoleList,
      jobTitle: z.string().nullable(),
      status: z.enum(["new", "error"]),
      /** `message` is translated into the caller's language; `key` is the catalog key. */
      errors: z.array(z.object({ field: z.string(), key: z.string(), message: z.string() })),
    }),
  ),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
});

const ZImportResult = z.object({
  count: z.number(),
  /** Initial passwords are returned here once and stored nowhere in clear text. */
  created: z.array(
    z.object({ line: z.number(), id: z.string(), email: z.string(), name: z.string(), initialPassword: z.string() }),
  ),
});

const ZById = z.object({ id: ZId });
const manage = permissionProcedure("manage:users");
const importing = permissionProcedure("import:users");

/** Account administration and the staff-list import; admins only (permission registry). */
export const usersRouter = router({
  list: manage
    .input(ZListUsersInput)
    .output(
      z.object({
        items: z.array(ZUserListItem),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
        pageCount: z.number(),
      }),
    )
    .query(({ ctx, input }) => service.listUsers(ctx, input)),
  get: manage
    .input(ZById)
    .output(ZUserDetail)
    .query(({ ctx, input }) => service.getUser(ctx, input.id)),
  unitOptions: manage.output(z.array(ZUnitRef)).query(({ ctx }) => service.unitOptions(ctx)),
  create: manage
    .input(ZCreateUserInput)
    .output(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
        initialPassword: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => service.createUser(ctx, input)),
  update: manage
    .input(ZUpdateUserInput)
    .output(z.void())
    .mutation(({ ctx, input }) => service.updateUser(ctx, input)),
  deactivate: manage
    .input(ZById)
    .output(z.void())
    .mutation(({ ctx, input }) => service.deactivateUser(ctx, input.id)),
  reactivate: manage
    .input(ZById)
    .output(z.void())
    .mutation(({ ctx, input }) => service.reactivateUser(ctx, input.id)),
  resetPassword: manage
    .input(ZById)
    .output(z.object({ initialPassword: z.string() }))
    .mutation(({ ctx, input }) => service.resetPassword(ctx, input.id)),
  importPreview: importing
    .input(ZCsvImportInput)
    .output(ZImportPreview)
    .mutation(({ ctx, input }) => service.importPreview(ctx, input.csv)),
  importCommit: importing
    .input(ZCsvImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input }) => service.importCommit(ctx, input.csv)),
});
