import { ZPresenceDefaultInput, ZPresenceVisibility, ZSetAppearOfflineInput } from "@kreisnetz/shared/schemas/presence";
import { z } from "zod";
import { authedProcedure, permissionProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZDefault = z.object({ appearOffline: z.boolean() });

/** Presence privacy: each person may appear offline; the administration sets the default. */
export const presenceRouter = router({
  visibility: authedProcedure.output(ZPresenceVisibility).query(({ ctx }) => service.getVisibility(ctx)),
  setAppearOffline: authedProcedure
    .input(ZSetAppearOfflineInput)
    .output(ZPresenceVisibility)
    .mutation(({ ctx, input }) => service.setAppearOffline(ctx, input)),
  defaultSetting: permissionProcedure("manage:settings")
    .output(ZDefault)
    .query(({ ctx }) => service.getDefault(ctx)),
  setDefault: permissionProcedure("manage:settings")
    .input(ZPresenceDefaultInput)
    .output(ZDefault)
    .mutation(({ ctx, input }) => service.setDefault(ctx, input)),
});
