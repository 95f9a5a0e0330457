/**
 * Permit/fee process manager: when a fee linked to an application is paid in full (`FeePaid`) or
 * waived (`FeeWaived`), it records the settlement on the application (RecordFeeSettlement), which
 * is what lets staff issue the permit.
 *
 * - It follows the `fee` category of the global log from its checkpoint, one event at a time.
 * - Each reaction uses commandId `fee-settlement:<eventId>` and causationId = the fee event's id, so
 *   handling an event again (after a crash between the command and the checkpoint) appends nothing.
 * - The checkpoint (last position processed) is written at once after an event that settled something,
 *   and otherwise every `checkpointEvery` events or `checkpointDelayMs` after the first unsaved one (a
 *   durable write per payment would take the log's write lock for nothing: handling an event again
 *   appends nothing). `stop()` waits for the event in progress and saves, so a stop/restart repeats nothing.
 * - A refusal by the application (unknown application, fee of another community…) is reported to
 *   `onError` and skipped; other errors are retried a few times, then the manager stops as `failed`.
 */
import { concatMap, defer, type Subscription } from 'rxjs';
import { systemActor } from '../authorization';
import { isHamaynkError } from '../errors';
import type { Commands } from '../commands/registry';
import type { CheckpointStore } from '../ports/checkpoint-store';
import type { EventStore, RecordedEvent } from '../ports/event-store';

export const PERMIT_FEE_SETTLEMENT = 'permit-fee-settlement';

export interface PermitFeeSettlementDeps {
  readonly eventStore: Pick<EventStore, 'subscribe'>;
  readonly checkpoints: CheckpointStore;
  /** The command bus (only recordFeeSettlement is sent). */
  readonly commands: Pick<Commands, 'recordFeeSettlement'>;
  /** Checkpoint name; default `permit-fee-settlement`. */
  readonly name?: string;
  /** Told about skipped events and failures (a logger). */
  readonly onError?: (error: unknown, event?: RecordedEvent) => void;
  /** Attempts for an unexpected (non-domain) error before giving up; default 3. */
  readonly maxAttempts?: number;
  /** Delay before a retry, in ms; default 200. */
  readonly retryDelayMs?: number;
  /** Events that settle nothing between checkpoint writes; default 1000. */
  readonly checkpointEvery?: number;
  /** At most this long (ms) before a processed event's checkpoint is written; default 1000. */
  readonly checkpointDelayMs?: number;
}

/** The fee events this manager reacts to (the fee aggregate's events; only their shared fields). */
interface FeeSettlingData {
  readonly feeId: string;
  readonly communityId: string;
  readonly applicationId?: string | null;
  readonly at?: string;
}

const SETTLEMENTS: Readonly<Record<string, 'paid' | 'waived'>> = { FeePaid: 'paid', FeeWaived: 'waived' };

/** The settlement a recorded event means for an application, or null if it means none. */
export const settlementOf = (event: RecordedEvent): { applicationId: string; feeId: string; communityId: string; how: 'paid' | 'waived'; at: string } | null => {
  const how = SETTLEMENTS[event.type];
  if (!how) return null;
  const data = event.data as FeeSettlingData | null;
  if (!data || typeof data.applicationId !== 'string' || data.applicationId.length === 0) return null;
  return { applicationId: data.applicationId, feeId: data.feeId, communityId: data.communityId, how, at: data.at ?? event.metadata.occurredAt };
};

export type ProcessManagerStatus = 'stopped' | 'running' | 'failed';

export const createPermitFeeSettlement = (deps: PermitFeeSettlementDeps) => {
  const name = deps.name ?? PERMIT_FEE_SETTLEMENT;
  const maxAttempts = deps.maxAttempts ?? 3;
  const retryDelayMs = deps.retryDelayMs ?? 200;
  const report = deps.onError ?? (() => undefined);

  let status: ProcessManagerStatus = 'stopped';
  let lastError: unknown = null;
  let subscription: Subscription | null = null;
  let current: Promise<void> = Promise.resolve();
  let processed: bigint | null = null;
  let waiters: Array<{ position: bigint; resolve: () => void; reject: (e: unknown) => void }> = [];

  const settleWaiters = (): void => {
    const done = waiters.filter((w) => processed !== null && processed >= w.position);
    waiters = waiters.filter((w) => !done.includes(w));
    done.forEach((w) => w.resolve());
  };

  const checkpointEvery = deps.checkpointEvery ?? 1000;
  const checkpointDelayMs = deps.checkpointDelayMs ?? 1000;
  let saved: bigint | null = null;
  let unsaved = 0;
  let saveTimer: NodeJS.Timeout | null = null;

  const save = async (): Promise<void> => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (processed === null || processed === saved) return;
    const position = processed;
    await deps.checkpoints.set(name, position);
    saved = position;
    unsaved = 0;
  };

  /** Handles the event; true when it settled something (a command was sent). */
  const react = async (event: RecordedEvent): Promise<boolean> => {
    const settlement = settlementOf(event);
    if (!settlement) return false;
    const eventId = event.metadata.eventId;
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.commands.recordFeeSettlement(
          { id: settlement.applicationId, feeId: settlement.feeId, communityId: settlement.communityId, how: settlement.how, at: settlement.at },
          {
            actor: systemActor(),
            commandId: `fee-settlement:${eventId}`,
            causationId: eventId,
            correlationId: event.metadata.correlationId ?? eventId,
            occurredAt: event.metadata.occurredAt,
          },
        );
        return true;
      } catch (error) {
        if (isHamaynkError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TRANSITION' || error.code === 'VALIDATION_FAILED' || error.code === 'FORBIDDEN')) {
          report(error, event);
          return true;
        }
        if (attempt >= maxAttempts) throw error;
        await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
      }
    }
  };

  const processOne = (event: RecordedEvent): Promise<void> => {
    current = (async () => {
      const settled = await react(event);
      processed = event.position;
      unsaved += 1;
      if (settled || unsaved >= checkpointEvery) await save();
      else if (saveTimer === null) {
        saveTimer = setTimeout(() => {
          saveTimer = null;
          current = current.then(save).catch((error: unknown) => report(error));
        }, checkpointDelayMs);
        saveTimer.unref?.();
      }
      settleWaiters();
    })();
    return current;
  };

  return {
    name,
    get status(): ProcessManagerStatus {
      return status;
    },
    get lastError(): unknown {
      return lastError;
    },
    /** The last position processed in this run (null before the first). */
    get position(): bigint | null {
      return processed;
    },

    /** Resumes after the stored checkpoint; catch-up then live. */
    async start(): Promise<void> {
      if (status === 'running') return;
      const after = await deps.checkpoints.get(name);
      processed = after;
      saved = after;
      unsaved = 0;
      lastError = null;
      status = 'running';
      subscription = deps.eventStore
        .subscribe({ after: after ?? undefined, category: 'fee' })
        .pipe(concatMap((event) => defer(() => processOne(event))))
        .subscribe({
          error: (error: unknown) => {
            status = 'failed';
            lastError = error;
            subscription = null;
            report(error);
            const pending = waiters;
            waiters = [];
            pending.forEach((w) => w.reject(error));
          },
        });
    },

    /** Stops following the log, after the event in progress is handled and checkpointed. */
    async stop(): Promise<void> {
      subscription?.unsubscribe();
      subscription = null;
      try {
        await current;
      } catch {
        // Reported through the subscription's error handler.
      }
      await save();
      if (status === 'running') status = 'stopped';
    },

    /** Resolves once every fee event up to `position` has been handled (for tests and orderly shutdown). */
    whenProcessed(position: bigint): Promise<void> {
      if (processed !== null && processed >= position) return Promise.resolve();
      if (status === 'failed') return Promise.reject(lastError);
      return new Promise<void>((resolve, reject) => waiters.push({ position, resolve, reject }));
    },
  };
};

export type PermitFeeSettlement = ReturnType<typeof createPermitFeeSettlement>;
