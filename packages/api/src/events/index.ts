export { EventLog, retryDelayMs } from "./event-log.ts";
export type { TEventHandler, TEventInput, TStoredEvent } from "./types.ts";
