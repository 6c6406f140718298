import { router } from "../../trpc.ts";

export const orgUnitsRouter = router({});
