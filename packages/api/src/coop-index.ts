/** Server-side entry points of the cooperation index (start-up refresh, recompute command, benchmark). */
export {
  computeSnapshot,
  currentMethod,
  dashboard,
  ensureSnapshots,
  recomputeSeries,
  storeSnapshot,
  type TRecomputeOutcome,
} from "./modules/coop-index/service.ts";
export { aggregateQuarter, aggregateQuery } from "./modules/coop-index/aggregate.ts";
