import { z } from "zod";
import { msg } from "./common.ts";

/** `null`: follow the default the administration set. */
export const ZSetAppearOfflineInput = z.object({ appearOffline: z.boolean(msg("validation.invalid")).nullable() });
export type TSetAppearOfflineInput = z.infer<typeof ZSetAppearOfflineInput>;

export const ZPresenceDefaultInput = z.object({ appearOffline: z.boolean(msg("validation.invalid")) });
export type TPresenceDefaultInput = z.infer<typeof ZPresenceDefaultInput>;

export const ZPresenceVisibility = z.object({
  /** What applies now. */
  appearOffline: z.boolean(),
  /** The person's own choice, or null when they follow the default. */
  choice: z.boolean().nullable(),
  defaultAppearOffline: z.boolean(),
});
export type TPresenceVisibility = z.infer<typeof ZPresenceVisibility>;
