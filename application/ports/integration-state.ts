/**
 * What the server keeps for integration consumers besides the log: each webhook's delivery checkpoint and
 * retry state, and each persistent feed consumer's acknowledged position. SQLite (DATA_DIR/integrations.sqlite)
 * or collections of the MongoDB read store's database. Every write is durable before it resolves, so a
 * restart resumes right after what was delivered (or acknowledged): nothing lost, nothing reordered.
 */

export interface WebhookDeliveryState {
  readonly webhookId: string;
  /** Every event up to and including this position was delivered (or is not of the webhook's categories). */
  readonly deliveredPosition: bigint;
  /** The event being retried now; null when no delivery is failing. */
  readonly pendingPosition: bigint | null;
  /** Failed attempts of the pending event (0 when none is failing). */
  readonly attempts: number;
  readonly lastAttemptAt: string | null;
  /** The last answer's HTTP status (null: no answer — a timeout or a connection error — or no attempt yet). */
  readonly lastStatus: number | null;
  /** The last failure, in words; null after a success. */
  readonly lastError: string | null;
  /** The first failed attempt of the current run of failures; null while deliveries succeed. */
  readonly failingSince: string | null;
  /** When the pending event is tried again; null when nothing is pending. */
  readonly nextAttemptAt: string | null;
  /** Events delivered so far. */
  readonly delivered: number;
  /** The webhook's resumptions already acted on (a newer WebhookResumed restarts the retries at once). */
  readonly resumptions: number;
}

export interface WebhookDeliveryStore {
  get(webhookId: string): Promise<WebhookDeliveryState | null>;
  /** Records the state; `deliveredPosition` never moves backwards (a stale writer's save is ignored for it). */
  save(state: WebhookDeliveryState): Promise<void>;
}

export interface EventConsumerCheckpoint {
  /** The integration: its token's `sub`. */
  readonly integration: string;
  /** The consumer's name, chosen by the integration. */
  readonly consumer: string;
  /** The last acknowledged position; null before the first acknowledgement. */
  readonly position: bigint | null;
  /** The category the consumer last subscribed with (null: every category). */
  readonly category: string | null;
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
}

export interface EventConsumerStore {
  get(integration: string, consumer: string): Promise<EventConsumerCheckpoint | null>;
  /** Records that the consumer subscribed (creating it with no position when new); answers its checkpoint. */
  touch(integration: string, consumer: string, category: string | null, now: Date): Promise<EventConsumerCheckpoint>;
  /** Moves the checkpoint to `position` unless it is already there or further (never backwards), atomically; answers it. */
  acknowledge(integration: string, consumer: string, position: bigint, now: Date): Promise<EventConsumerCheckpoint>;
  /** Every consumer, by integration then name. */
  list(): Promise<EventConsumerCheckpoint[]>;
}

export interface IntegrationStateStore extends WebhookDeliveryStore {
  readonly consumers: EventConsumerStore;
  close(): Promise<void>;
}
