/** Server-side pieces of live presence and updates that need the database (the Socket.IO wiring is in apps/web/server). */
export {
  authorizePage,
  canStillReadProject,
  registerPageAuthorizer,
  type TPageAuthorizer,
  type TPageGrant,
} from "./access.ts";
export {
  broadcasts,
  createRealtimeBroadcaster,
  planBroadcast,
  REALTIME_BROADCASTER,
  type TBroadcastPlan,
  type TBroadcastTarget,
} from "./broadcaster.ts";
export { isHidden } from "../presence/service.ts";
