/** Server-side entry points of the cooperation index (start-up refresh, recompute command). */
export { ensureSnapshots, recomputeSeries, type TRecomputeOutcome } from "./modules/coop-index/service.ts";
