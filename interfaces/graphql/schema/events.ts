/**
 * Subscription `events(fromPosition, category)`: every event after `fromPosition` (exclusive), catch-up
 * then live, in global order. Pull-based: the resolver reads the log in batches of at most
 * EVENT_FEED_BATCH events and reads the next batch only when the consumer has taken the previous
 * one, so a slow consumer holds at most one batch in memory (plus the socket's own buffer); when
 * caught up it waits for the store to report a newer event. A consumer that reconnects with the last
 * position it processed misses nothing and sees nothing twice.
 */
import { firstValueFrom } from 'rxjs';
import { ValidationFailed } from '../../../application/errors';
import type { EventStore, RecordedEvent } from '../../../application/ports/event-store';
import type { EventConsumerStore } from '../../../application/ports/integration-state';
import { asIntegrationSees } from '../../../application/integration-view';
import { authorizeRead, requireActor } from '../context';
import { withErrorCodes } from '../errors';
import type { GraphqlModule, RequestContext } from '../../http/server';

export const EVENT_FEED_BATCH = 256;

export const eventItem = (stored: RecordedEvent) => {
  const e = asIntegrationSees(stored);
  return {
  position: e.position.toString(),
  revision: e.revision,
  streamId: e.streamId,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  occurredAt: e.metadata.occurredAt,
  recordedAt: e.metadata.recordedAt,
  };
};

const CONSUMER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** A persistent consumer's name: letters, digits, `_ . : -`, at most 100. */
export const checkConsumerName = (name: unknown): string => {
  if (typeof name !== 'string' || !CONSUMER_NAME.test(name)) throw new ValidationFailed('consumer must be 1–100 letters, digits, _ . : or -, starting with a letter or digit', ['consumer'], 'INVALID_CONSUMER_NAME');
  return name;
};

export const parsePosition = (value: unknown, field: string): bigint | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,30}$/.test(value)) throw new ValidationFailed(`${field} must be a position: decimal digits`, [field]);
  return BigInt(value);
};

/** Reads the log after `after` in batches, then waits for new events; ends when `signal` aborts. */
export async function* followLog(eventStore: EventStore, after: bigint | undefined, category: string | undefined, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
  let last = after ?? 0n;
  while (!signal.aborted) {
    const batch = await eventStore.readAll({ after: last, maxCount: EVENT_FEED_BATCH, category });
    for (const event of batch) {
      if (signal.aborted) return;
      last = event.position;
      yield event;
    }
    if (batch.length === EVENT_FEED_BATCH) continue;
    // Caught up: wait until the store has something after `last` (or the consumer leaves).
    await new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      firstValueFrom(eventStore.subscribe({ after: last, category }))
        .catch(() => undefined)
        .finally(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
    });
  }
}

/** `consumers`: the persistent consumers' checkpoints (acknowledgeEvents, integration.ts); without them `events(consumer:)` is refused. */
export const eventFeedModule = (eventStore: EventStore, consumers?: EventConsumerStore): GraphqlModule => ({
  typeDefs: /* GraphQL */ `
    "A stored event as integration consumers and auditors see it (see the event catalogue)."
    type EventItem {
      "Global position (decimal digits); resume after it by passing it as fromPosition."
      position: String!
      "The event's revision in its stream (0 for the first)."
      revision: Int!
      streamId: String!
      type: String!
      data: JSON!
      metadata: JSON!
      occurredAt: String!
      recordedAt: String!
    }

    type Subscription {
      "Every event after fromPosition (exclusive; omitted: from the start), catch-up then live, optionally one category (application, fee, …). For integration consumers and auditors. With consumer (a name of the calling integration's choosing): after the position last acknowledged for that name (acknowledgeEvents); fromPosition counts only until the first acknowledgement."
      events(fromPosition: String, category: String, consumer: String): EventItem!
    }
  `,
  resolvers: {
    Subscription: {
      events: {
        subscribe: async (_root: unknown, args: { fromPosition?: string | null; category?: string | null; consumer?: string | null }, ctx: RequestContext) =>
          withErrorCodes(async () => {
            authorizeRead(ctx.caller, { kind: 'event-feed' });
            let after = parsePosition(args.fromPosition, 'fromPosition');
            const category = args.category ?? undefined;
            if (category !== undefined && !/^[a-z][a-z0-9_]{0,40}$/.test(category)) throw new ValidationFailed('category must be a stream category such as application or fee', ['category']);
            if (args.consumer !== null && args.consumer !== undefined) {
              if (!consumers) throw new ValidationFailed('This server keeps no consumer checkpoints', ['consumer']);
              const actor = requireActor(ctx.caller);
              const checkpoint = await consumers.touch(actor.id, checkConsumerName(args.consumer), category ?? null, new Date());
              if (checkpoint.position !== null) after = checkpoint.position;
            }
            const abort = new AbortController();
            const source = followLog(eventStore, after, category, abort.signal);
            // mercurius calls return() when the client completes or disconnects.
            const iterator: AsyncIterableIterator<{ events: ReturnType<typeof eventItem> }> = {
              next: async () => {
                const r = await source.next();
                return r.done ? { done: true, value: undefined } : { done: false, value: { events: eventItem(r.value) } };
              },
              return: async () => {
                abort.abort();
                await source.return(undefined);
                return { done: true, value: undefined };
              },
              [Symbol.asyncIterator]() {
                return this;
              },
            };
            return iterator;
        }),
      },
    },
  } as never,
});
