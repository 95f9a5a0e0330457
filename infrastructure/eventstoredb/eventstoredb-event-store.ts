/**
 * The EventStoreDB adapter of the `EventStore` port (`@eventstore/db-client` v6, gRPC, server 22.6 or later).
 *
 * - Streams, revisions and expected revisions are EventStoreDB's own; a WrongExpectedVersion becomes the
 *   application's ConcurrencyConflict. Events are written with `metadata.eventId` as their EventStoreDB id
 *   (a UUID; any other id is mapped to a UUID derived from it), so an append retried with the same events
 *   and the same expected revision is idempotent on the server.
 * - Bytes: `data` is stored as binary content holding exactly the canonical JSON bytes `encodeEvents` made,
 *   and is returned untouched. `metadata` is stored as exactly its canonical bytes too, but the client library
 *   hands custom metadata back already parsed, so `metadataBytes` is re-made with the same RFC 8785
 *   canonicalization; JCS is idempotent on its own output, so these are the stored bytes (a unit test checks this).
 * - Global position = the commit position (a bigint with gaps: a byte offset in the transaction file). For
 *   events appended through gRPC each event commits on its own, so commit positions are unique and ordered.
 *   `readAll({ after })` and `subscribe({ after })` are exclusive of `after`; a position that is not the start
 *   of a record (e.g. `p - 1n`) is accepted: the read then starts at the enclosing chunk or the log's start and
 *   skips what is not after it.
 * - System events (stream or type starting with `$`) and the command index streams are never returned.
 *   A category subscription is a server-side filtered `$all` subscription (stream-name prefix `category-`):
 *   `$ce-` streams would need the system projections, which this deployment does not run.
 * - The command index: see `append` and `recordCommand` below.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  binaryEvent,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type Position,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { canonicalBytes } from '../../application/canonical-json';
import { ConcurrencyConflict, ValidationFailed } from '../../application/errors';
import { assertStreamId, decodeJson, encodeEvents, type EncodedEvent } from '../../application/event-encoding';
import { assertExpectedRevision, checkExpected } from '../../application/expected-revision';
import { deterministicUuid } from '../../application/ids';
import {
  CommandAlreadyRecorded,
  categoryOf,
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamInfo,
  type SubscribeOptions,
} from '../../application/ports/event-store';

/** The category of the command index streams; appends to it are refused and reads never show it. */
export const COMMAND_STREAM_CATEGORY = 'hamaynkcommand';
/** The type of the one event of a command index stream. */
export const COMMAND_RECORDED_TYPE = 'CommandRecorded';

/** `hamaynkcommand-<sha256(commandId) in hex>`: one stream per command id, written once (expected `no-stream`). */
export const commandStreamName = (commandId: string): string =>
  `${COMMAND_STREAM_CATEGORY}-${createHash('sha256').update(commandId, 'utf8').digest('hex')}`;

const COMMAND_STREAM_PREFIX = `${COMMAND_STREAM_CATEGORY}-`;
/** EventStoreDB (.NET) regex for the unfiltered subscription: everything but system and command index streams. */
export const ALL_USER_STREAMS_REGEX = `^(?!\\$|${COMMAND_STREAM_PREFIX})`;
/** Default EventStoreDB chunk size: a chunk's first byte is always the start of a record. */
const CHUNK_SIZE = 256n * 1024n * 1024n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventStoreDbEventStoreOptions {
  /** Events per page when reading `$all` (default 500). */
  readonly readBatchSize?: number;
  /** Consecutive failed (re)subscriptions before a subscription errors (default 5). */
  readonly resubscribeAttempts?: number;
  /** How many of a stream's last events an append with a command id looks through for an unrecorded earlier attempt (default 20). */
  readonly commandTailWindow?: number;
}

/** The EventStoreDB id of an event: its `metadata.eventId` when that is a UUID, else a UUID derived from it. */
export const esdbEventId = (eventId: string): string => (UUID.test(eventId) ? eventId.toLowerCase() : deterministicUuid(`event:${eventId}`));

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
};

/** WrongExpectedVersion → the application's conflict, with the same `expected`/`actual` wording as the embedded store. */
export const toConcurrencyConflict = (streamId: string, expected: ExpectedRevision, error: WrongExpectedVersionError): ConcurrencyConflict => {
  const actual = typeof error.actualVersion === 'bigint' ? String(error.actualVersion) : 'no-stream';
  return new ConcurrencyConflict(streamId, String(expected), actual);
};

/** True for events the port shows: not system events, not the command index, and of `category` when one is given. */
export const isVisibleEvent = (streamId: string, type: string, category?: string): boolean => {
  if (streamId.startsWith('$') || type.startsWith('$') || streamId.startsWith(COMMAND_STREAM_PREFIX)) return false;
  return category === undefined || categoryOf(streamId) === category;
};

/** The shape of an event as the client library returns it (binary data; custom metadata parsed when it is JSON). */
export interface EsdbEventLike {
  readonly streamId: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** Turns an event read from EventStoreDB back into the port's `RecordedEvent`, bytes included. */
export const decodeEsdbEvent = (event: EsdbEventLike, position: bigint): RecordedEvent => {
  const where = `${event.streamId}@${event.revision}`;
  let dataBytes: Buffer;
  let data: unknown;
  if (event.isJson) {
    // Written by some other client as JSON content: the library parsed it; canonicalize what it gave back.
    data = event.data;
    dataBytes = canonicalBytes(data);
  } else if (event.data instanceof Uint8Array) {
    dataBytes = Buffer.from(event.data);
    try {
      data = decodeJson(dataBytes);
    } catch {
      throw new Error(`Event ${where} does not hold JSON data; it was not written by Hamaynk`);
    }
  } else {
    throw new Error(`Event ${where} has no data`);
  }
  const metadata = event.metadata;
  if (metadata === null || typeof metadata !== 'object' || metadata instanceof Uint8Array || Array.isArray(metadata)) {
    throw new Error(`Event ${where} has no JSON metadata envelope; it was not written by Hamaynk`);
  }
  return {
    streamId: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    position,
    data,
    metadata: metadata as EventMetadata,
    dataBytes,
    metadataBytes: canonicalBytes(metadata),
  };
};

const positionOf = (event: { position?: Position }, resolved?: { commitPosition?: bigint }): bigint => {
  const commit = event.position?.commit ?? resolved?.commitPosition;
  if (commit === undefined) throw new Error('EventStoreDB did not report an event position; version 22.6 or later is required');
  return commit;
};

/** Strict order of `$all` positions: commit first, then prepare. */
const isAfter = (a: Position, b: Position): boolean => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);

/** Errors that say nothing about the position asked for: the server is away, slow, or refuses us. */
const isConnectivityError = (e: unknown): boolean =>
  e instanceof UnavailableError ||
  e instanceof DeadlineExceededError ||
  e instanceof CancelledError ||
  e instanceof TimeoutError ||
  e instanceof AccessDeniedError ||
  e instanceof NotLeaderError;

const assertRevisionOption = (value: number | undefined, field: string): void => {
  if (value !== undefined && !Number.isSafeInteger(value)) throw new ValidationFailed(`${field} ${String(value)} is not a revision`, [field]);
};

interface MarkerData {
  commandId: string;
  fingerprint: string;
  streamId: string;
  revision: number;
  position: string;
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private closed = false;
  private readonly live = new Set<() => void>();
  private readonly readBatchSize: number;
  private readonly resubscribeAttempts: number;
  private readonly commandTailWindow: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.readBatchSize = options.readBatchSize ?? 500;
    this.resubscribeAttempts = options.resubscribeAttempts ?? 5;
    this.commandTailWindow = options.commandTailWindow ?? 20;
  }

  /**
   * Appends, then (with `options.command`) records the command id in the global index.
   *
   * The index on EventStoreDB is a marker stream per command id, written AFTER the events: EventStoreDB
   * has no transaction spanning two streams, so unlike the embedded store the events and the index entry
   * are not one atomic write. What that means:
   * - Before appending, the marker is looked up; a recorded command id is refused with CommandAlreadyRecorded
   *   (after the same expected-revision check the embedded store makes first) and nothing is written.
   * - Two appends racing with one command id: both may pass the lookup. With the same events (ids derived
   *   from the command id) and expected revision the server stores them once. The marker is written with
   *   expected `no-stream`, so only the first record stands: an append whose record differs from it gets
   *   CommandAlreadyRecorded (its events may have been stored: that is the price of two writes), one whose
   *   record is identical (the same events at the same position) succeeds, as it describes the same fact.
   * - A process dying between the events and the marker leaves events without an index entry. A retried
   *   append carries the same derived event ids: with the same expected revision the server makes it
   *   idempotent (and the marker is then written); with a later expected revision this adapter finds the
   *   first event's id among the stream's last events, writes the missing marker and refuses the append with
   *   CommandAlreadyRecorded instead of storing the events twice. `findCommand` alone cannot see such an
   *   unrecorded command until one of these retries has repaired the index.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const encoded = encodeEvents(streamId, events);
    assertExpectedRevision(options.expectedRevision);
    if (categoryOf(streamId) === COMMAND_STREAM_CATEGORY) {
      throw new ValidationFailed(`The stream category "${COMMAND_STREAM_CATEGORY}" is reserved for the command index`, ['streamId']);
    }
    const ids = encoded.map((e) => esdbEventId(e.eventId));
    if (options.command) {
      const [prior, unrecorded] = await Promise.all([
        this.findCommand(options.command.commandId),
        options.expectedRevision === 'no-stream' ? Promise.resolve(null) : this.findUnrecordedAttempt(streamId, ids),
      ]);
      if (prior) {
        if (options.expectedRevision !== 'any') checkExpected(streamId, options.expectedRevision, await this.currentRevision(streamId));
        throw new CommandAlreadyRecorded(prior);
      }
      if (unrecorded) {
        const record = { ...options.command, streamId, revision: unrecorded.revision, position: unrecorded.position };
        throw new CommandAlreadyRecorded((await this.recordCommand(record)) ?? record);
      }
    }
    let nextRevision: number;
    try {
      const result = await this.client.appendToStream(streamId, encoded.map((e, i) => toEsdbEventData(e, ids[i])), {
        expectedRevision: toEsdbExpectedRevision(options.expectedRevision),
      });
      nextRevision = Number(result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toConcurrencyConflict(streamId, options.expectedRevision, error);
      if (error instanceof MaxAppendSizeExceededError) {
        throw new ValidationFailed(`The append is larger than the EventStoreDB server's maximum append size (${error.maxAppendSize} bytes)`, ['events']);
      }
      throw error;
    }
    // The append result does not say where each event landed (and says nothing for an idempotent repeat): read them back.
    const firstRevision = nextRevision - encoded.length + 1;
    const written = await this.collect(
      this.client.readStream(streamId, { fromRevision: BigInt(firstRevision), maxCount: encoded.length, requiresLeader: true }),
    );
    if (written.length !== encoded.length || written.some((r, i) => r.event?.id.toLowerCase() !== ids[i])) {
      throw new Error(`EventStoreDB acknowledged the append to ${streamId} at revision ${nextRevision}, but the events there are not the ones appended`);
    }
    const firstPosition = positionOf(written[0].event!, written[0]);
    const lastPosition = positionOf(written[written.length - 1].event!, written[written.length - 1]);
    if (options.command) {
      const record: CommandRecord = { ...options.command, streamId, revision: nextRevision, position: lastPosition };
      const winner = await this.recordCommand(record);
      if (winner) throw new CommandAlreadyRecorded(winner);
    }
    return { nextRevision, firstPosition, lastPosition };
  }

  /** Writes the marker; returns null when this call recorded it, or the record another append wrote first. */
  private async recordCommand(record: CommandRecord): Promise<CommandRecord | null> {
    const stream = commandStreamName(record.commandId);
    const markerId = randomUUID();
    const data: MarkerData = { ...record, position: record.position.toString() };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.appendToStream(stream, jsonEvent({ id: markerId, type: COMMAND_RECORDED_TYPE, data: { ...data } }), {
          expectedRevision: NO_STREAM,
        });
        return null;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          const existing = await this.readMarker(record.commandId);
          if (!existing) throw error;
          // Our own write acknowledged late (a retry after a lost answer), or the very same fact recorded by a
          // racing retry of this command, is not someone else's.
          return existing.id === markerId || sameRecord(existing.record, record) ? null : existing.record;
        }
        if (attempt >= 3 || !isConnectivityError(error)) throw error;
        await sleep(100 * attempt);
      }
    }
  }

  /** The revision and position of the last of `ids` found at the end of the stream, when its first id is there. */
  private async findUnrecordedAttempt(streamId: string, ids: readonly string[]): Promise<{ revision: number; position: bigint } | null> {
    const tail = await this.collect(
      this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: this.commandTailWindow, requiresLeader: true }),
    );
    const forwards = tail.filter((r) => r.event).reverse();
    const start = forwards.findIndex((r) => r.event!.id.toLowerCase() === ids[0]);
    if (start < 0) return null;
    let last = start;
    while (last + 1 < forwards.length && last + 1 - start < ids.length && forwards[last + 1].event!.id.toLowerCase() === ids[last + 1 - start]) last++;
    const event = forwards[last];
    return { revision: Number(event.event!.revision), position: positionOf(event.event!, event) };
  }

  private async currentRevision(streamId: string): Promise<number> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }));
    return last?.event ? Number(last.event.revision) : -1;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamId(streamId);
    assertRevisionOption(options.fromRevision, 'fromRevision');
    assertRevisionOption(options.toRevision, 'toRevision');
    if (categoryOf(streamId) === COMMAND_STREAM_CATEGORY) return [];
    let max = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (!(max > 0)) return [];
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      const to = Math.max(0, options.toRevision ?? 0);
      const from = options.fromRevision;
      if (from !== undefined && from < to) return [];
      if (from !== undefined) max = Math.min(max, from - to + 1);
      await this.each(
        this.client.readStream(streamId, {
          direction: BACKWARDS,
          fromRevision: from === undefined ? END : BigInt(from),
          ...(Number.isFinite(max) ? { maxCount: max } : {}),
        }),
        (resolved) => {
          if (!resolved.event) return true;
          if (Number(resolved.event.revision) < to) return false;
          out.push(decodeEsdbEvent(resolved.event, positionOf(resolved.event, resolved)));
          return out.length < max;
        },
      );
    } else {
      const from = Math.max(0, options.fromRevision ?? 0);
      const to = options.toRevision ?? Number.POSITIVE_INFINITY;
      if (to < from) return [];
      max = Math.min(max, to - from + 1);
      await this.each(
        this.client.readStream(streamId, {
          direction: FORWARDS,
          fromRevision: BigInt(from),
          ...(Number.isFinite(max) ? { maxCount: max } : {}),
        }),
        (resolved) => {
          if (!resolved.event) return true;
          if (Number(resolved.event.revision) > to) return false;
          out.push(decodeEsdbEvent(resolved.event, positionOf(resolved.event, resolved)));
          return out.length < max;
        },
      );
    }
    return out;
  }

  /** Pages through `$all` (the client library has no server-side filter for reads), skipping hidden events. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (!(max > 0)) return [];
    const after = options.after;
    const out: RecordedEvent[] = [];
    let from: Position | undefined;
    let candidates: ReadPosition[] = after === undefined ? [START] : startCandidates(after);
    for (;;) {
      const remaining = max - out.length;
      const pageSize = options.category === undefined ? Math.min(this.readBatchSize, remaining + 8) : this.readBatchSize;
      let page: AllStreamResolvedEvent[];
      if (from === undefined) {
        // First page: the caller's position may not start a record; fall back to an earlier valid start.
        page = await this.firstReadablePage(candidates, pageSize);
        candidates = [];
      } else {
        page = await this.collect(this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: pageSize }));
      }
      let advanced = false;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        if (from !== undefined && !isAfter(event.position, from)) continue;
        from = event.position;
        advanced = true;
        if (after !== undefined && event.position.commit <= after) continue;
        if (!isVisibleEvent(event.streamId, event.type, options.category)) continue;
        out.push(decodeEsdbEvent(event, event.position.commit));
        if (out.length >= max) return out;
      }
      if (page.length < pageSize || !advanced) return out;
    }
  }

  private async firstReadablePage(candidates: readonly ReadPosition[], pageSize: number): Promise<AllStreamResolvedEvent[]> {
    for (let i = 0; ; i++) {
      try {
        return await this.collect(this.client.readAll({ direction: FORWARDS, fromPosition: candidates[i], maxCount: pageSize }));
      } catch (error) {
        if (i + 1 >= candidates.length || isConnectivityError(error)) throw error;
      }
    }
  }

  /**
   * A catch-up subscription to `$all` (server-side filtered), delivering each event once in position order.
   * After a dropped connection it resubscribes from the last position it saw (up to `resubscribeAttempts`
   * failures in a row), so the consumer sees neither a gap nor a repeat.
   */
  subscribe(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      if (this.closed) {
        subscriber.error(new Error('The event store is closed'));
        return;
      }
      const after = options.after;
      const filter: Filter =
        options.category === undefined ? streamNameFilter({ regex: ALL_USER_STREAMS_REGEX }) : streamNameFilter({ prefixes: [`${options.category}-`] });
      let last: Position | undefined;
      let stopped = false;
      let failures = 0;
      let current: AllStreamSubscription | undefined;
      let retryTimer: NodeJS.Timeout | undefined;

      const stop = () => {
        stopped = true;
        if (retryTimer) clearTimeout(retryTimer);
        const sub = current;
        current = undefined;
        sub?.unsubscribe().catch(() => undefined);
        this.live.delete(endOnClose);
      };
      const endOnClose = () => {
        stop();
        subscriber.complete();
      };
      const fail = (error: unknown) => {
        if (stopped) return;
        stop();
        subscriber.error(error);
      };
      const retry = (error: unknown) => {
        if (stopped) return;
        const sub = current;
        current = undefined;
        sub?.unsubscribe().catch(() => undefined);
        failures++;
        if (failures > this.resubscribeAttempts || this.closed || error instanceof AccessDeniedError) return fail(error);
        retryTimer = setTimeout(() => void open(), Math.min(5000, 100 * 2 ** failures));
      };
      const open = async () => {
        if (stopped) return;
        let fromPosition: ReadPosition;
        try {
          fromPosition = last ?? (after === undefined ? START : await this.subscriptionStart(after));
        } catch (error) {
          return isConnectivityError(error) ? retry(error) : fail(error);
        }
        if (stopped) return;
        const sub = this.client.subscribeToAll({ fromPosition, filter });
        current = sub;
        sub.on('data', (resolved: AllStreamResolvedEvent) => {
          if (stopped || current !== sub) return;
          const event = resolved.event;
          if (!event) return;
          if (last !== undefined && !isAfter(event.position, last)) return;
          last = event.position;
          failures = 0;
          if (after !== undefined && event.position.commit <= after) return;
          if (!isVisibleEvent(event.streamId, event.type, options.category)) return;
          let recorded: RecordedEvent;
          try {
            recorded = decodeEsdbEvent(event, event.position.commit);
          } catch (error) {
            return fail(error);
          }
          subscriber.next(recorded);
        });
        sub.on('error', (error: unknown) => {
          if (current === sub) retry(error);
        });
        sub.on('end', () => {
          if (current === sub) retry(new Error('EventStoreDB ended the subscription'));
        });
      };

      this.live.add(endOnClose);
      void open();
      return stop;
    });
  }

  /** Where a subscription "after `after`" may start: `after` itself when it starts a record, else an earlier valid start. */
  private async subscriptionStart(after: bigint): Promise<ReadPosition> {
    const candidates = startCandidates(after);
    for (let i = 0; ; i++) {
      const candidate = candidates[i];
      if (candidate === START) return START;
      try {
        await this.collect(this.client.readAll({ direction: FORWARDS, fromPosition: candidate, maxCount: 1 }));
        return candidate;
      } catch (error) {
        if (i + 1 >= candidates.length || isConnectivityError(error)) throw error;
      }
    }
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    let from: Position | typeof END = END;
    let pageSize = 32;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await this.collect(this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: pageSize }));
      let advanced = false;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        if (from !== END && !isAfter(from, event.position)) continue;
        from = event.position;
        advanced = true;
        if (isVisibleEvent(event.streamId, event.type)) return event.position.commit;
      }
      if (page.length < pageSize || !advanced) return null;
      pageSize = Math.min(pageSize * 4, this.readBatchSize);
    }
  }

  async streamInfo(streamId: string): Promise<StreamInfo | null> {
    this.assertOpen();
    if (categoryOf(streamId) === COMMAND_STREAM_CATEGORY) return null;
    const [[last], [first]] = await Promise.all([
      this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })),
      this.collect(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START, maxCount: 1 })),
    ]);
    if (!last?.event) return null;
    return {
      streamId,
      revision: Number(last.event.revision),
      lastPosition: positionOf(last.event, last),
      createdAt: first?.event?.created.toISOString(),
    };
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    this.assertOpen();
    return (await this.readMarker(commandId))?.record ?? null;
  }

  private async readMarker(commandId: string): Promise<{ id: string; record: CommandRecord } | null> {
    const [marker] = await this.collect(
      this.client.readStream(commandStreamName(commandId), { direction: FORWARDS, fromRevision: START, maxCount: 1, requiresLeader: true }),
    );
    const event = marker?.event;
    if (!event) return null;
    const data = (event.isJson ? event.data : decodeJson(event.data as Uint8Array)) as MarkerData;
    return {
      id: event.id,
      record: { commandId: data.commandId, fingerprint: data.fingerprint, streamId: data.streamId, revision: data.revision, position: BigInt(data.position) },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const end of [...this.live]) end();
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }

  /** Every item of a read; a stream that does not exist reads as empty. */
  private async collect<E>(read: StreamingRead<E>): Promise<E[]> {
    const out: E[] = [];
    await this.each(read, (item) => {
      out.push(item);
      return true;
    });
    return out;
  }

  /** Feeds a read to `take` until it returns false; a read left early (or failing in `take`) is cancelled on the server. */
  private async each<E>(read: StreamingRead<E>, take: (item: E) => boolean): Promise<void> {
    let finished = false;
    try {
      let leftEarly = false;
      for await (const item of read) {
        if (!take(item)) {
          leftEarly = true;
          break;
        }
      }
      finished = !leftEarly;
    } catch (error) {
      if (error instanceof StreamNotFoundError) {
        finished = true;
        return;
      }
      throw error;
    } finally {
      if (!finished) await read.cancel().catch(() => undefined);
    }
  }
}

/** `after` itself, then the start of its chunk, then the log's start: the first that is a record start wins. */
export const startCandidates = (after: bigint): ReadPosition[] => {
  if (after <= 0n) return [START];
  const chunk = (after / CHUNK_SIZE) * CHUNK_SIZE;
  const candidates: ReadPosition[] = [{ commit: after, prepare: after }];
  if (chunk > 0n && chunk !== after) candidates.push({ commit: chunk, prepare: chunk });
  candidates.push(START);
  return candidates;
};

/** Binary content holding exactly the canonical bytes; metadata as a plain Uint8Array, which the client sends as is. */
export const toEsdbEventData = (event: EncodedEvent, id: string) =>
  binaryEvent({ id, type: event.type, data: event.dataBytes, metadata: new Uint8Array(event.metadataBytes) });

const sameRecord = (a: CommandRecord, b: CommandRecord): boolean =>
  a.commandId === b.commandId && a.fingerprint === b.fingerprint && a.streamId === b.streamId && a.revision === b.revision && a.position === b.position;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Connecting

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const URL_SHAPE = /^esdb(\+discover)?:\/\/\S+$/;

/** The URL with any password hidden, safe for messages and logs. */
export const redactEventStoreDbUrl = (url: string): string => url.replace(/^([a-z+]+:\/\/)[^@/?#]*@/i, '$1***@');

const oneLine = (text: string): string =>
  text
    .split('\n')[0]
    .replace(/\s+/g, ' ')
    .replace(/\s*Resolution note:\s*$/, '')
    .trim();

/** Checks the connection string and builds a (lazy, not yet connected) client; throws one clear Error if malformed. */
export const eventStoreDbClientFor = (url: string): EventStoreDBClient => {
  const shown = redactEventStoreDbUrl(String(url ?? ''));
  if (typeof url !== 'string' || !URL_SHAPE.test(url.trim())) {
    throw new Error(`EVENTSTORE_URL "${shown}" is not an EventStoreDB connection string: expected esdb://host:port or esdb+discover://host:port (e.g. esdb://localhost:2113?tls=false)`);
  }
  try {
    return EventStoreDBClient.connectionString(url.trim());
  } catch (error) {
    throw new Error(`EVENTSTORE_URL "${shown}" is malformed: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
};

export interface ConnectEventStoreDbOptions extends EventStoreDbEventStoreOptions {
  /** How long the server has to answer the first read (default 5000 ms). */
  readonly timeoutMs?: number;
}

/**
 * Connects and checks that the server answers (a read of the newest event of `$all`) within a few seconds;
 * otherwise fails with one clear line naming the URL (password hidden) and the reason.
 */
export const connectEventStoreDb = async (url: string, options: ConnectEventStoreDbOptions = {}): Promise<EventStoreDbEventStore> => {
  const client = eventStoreDbClientFor(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const read = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
  const answered = (async () => {
    for await (const _ of read) void _;
  })();
  // After a timeout the abandoned read still settles (cancelled): keep that from being an unhandled rejection.
  answered.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      answered,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await read.cancel().catch(() => undefined);
    await client.dispose().catch(() => undefined);
    const reason = oneLine(error instanceof Error && error.message ? error.message : String(error));
    throw new Error(`Cannot reach EventStoreDB at ${redactEventStoreDbUrl(url.trim())} (EVENTSTORE_URL): ${reason}`);
  } finally {
    if (timer) clearTimeout(timer);
  }
  return new EventStoreDbEventStore(client, options);
};
