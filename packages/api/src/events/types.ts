export type TEventInput = {
  /** Null for the system itself (scheduled jobs, imports). */
  actorId: string | null;
  /** The actor's unit now; stored so the event keeps it after a reorganisation. */
  actorUnitId: string | null;
  /** Dotted verb: "<object>.<action>", e.g. "task.completed", "user.deactivated". */
  verb: string;
  objectType: string;
  objectId: string;
  projectId?: string | null;
  /** Small, non-private context; never whole documents. */
  payload?: Record<string, unknown>;
  /** System accounts and bulk imports: never counted in the cooperation index. */
  isSystem?: boolean;
};

export type TStoredEvent = {
  id: bigint;
  actorId: string | null;
  actorUnitId: string | null;
  verb: string;
  objectType: string;
  objectId: string;
  projectId: string | null;
  payload: unknown;
  isSystem: boolean;
  createdAt: Date;
};

/**
 * An after-commit consumer of events (search indexer, broadcaster, mailer).
 * `handle` must be idempotent: an event can be delivered again after a crash or retry.
 */
export type TEventHandler = {
  name: string;
  matches(event: Pick<TStoredEvent, "verb" | "objectType">): boolean;
  handle(events: TStoredEvent[]): Promise<void>;
};
