/**
 * What the EventStoreDB adapter does without a server: connection-string checks, failing fast and clearly
 * when nothing answers, the command index naming, and the byte handling between the port and the client.
 * The shared contract suite (tests/contract) covers the behaviour against a real server.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { canonicalJson } from '../../application/canonical-json';
import { ConcurrencyConflict, ValidationFailed } from '../../application/errors';
import { encodeEvents } from '../../application/event-encoding';
import { categoryOf, type EventMetadata } from '../../application/ports/event-store';
import { newEvent } from '../../tests/support/events';
import {
  COMMAND_STREAM_CATEGORY,
  EventStoreDbEventStore,
  commandStreamName,
  connectEventStoreDb,
  decodeEsdbEvent,
  esdbEventId,
  eventStoreDbClientFor,
  isVisibleEvent,
  redactEventStoreDbUrl,
  startCandidates,
  toConcurrencyConflict,
  toEsdbEventData,
  toEsdbExpectedRevision,
} from './eventstoredb-event-store';

const CLOSED_PORT_URL = 'esdb://127.0.0.1:1?tls=false';

const failure = async (promise: Promise<unknown>): Promise<Error> => {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection with an Error');
  return outcome;
};

describe('EventStoreDB connection string', () => {
  it.each(['http://not-eventstore', '', 'localhost:2113', 'esdb:/localhost:2113', 'ESDB://localhost:2113', 'mongodb://localhost:27017'])(
    'refuses %p as not an EventStoreDB URL, in one line naming EVENTSTORE_URL',
    (url) => {
      expect(() => eventStoreDbClientFor(url)).toThrow(/^EVENTSTORE_URL ".*" is not an EventStoreDB connection string: expected esdb:\/\/host:port/);
      try {
        eventStoreDbClientFor(url);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    },
  );

  it.each([
    ['esdb://host:abc', /expected port number/],
    ['esdb://localhost:2113?tls=maybe', /expected true or false/],
  ])('refuses the malformed %p with the parser’s reason on one line', (url, reason) => {
    let message = '';
    try {
      eventStoreDbClientFor(url);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^EVENTSTORE_URL ".*" is malformed: /);
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });

  it('never shows a password from the URL', () => {
    expect(redactEventStoreDbUrl('esdb://admin:changeit@db:2113?tls=true')).toBe('esdb://***@db:2113?tls=true');
    expect(redactEventStoreDbUrl('esdb://db:2113?tls=false')).toBe('esdb://db:2113?tls=false');
    expect(() => eventStoreDbClientFor('esdb://admin:changeit@db:abc')).toThrow(/esdb:\/\/\*\*\*@db:abc/);
    expect(() => eventStoreDbClientFor('esdb://admin:changeit@db:abc')).not.toThrow(/changeit/);
  });

  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://node1:2113,node2:2113?tls=false', 'esdb://admin:changeit@localhost:2113?tls=true'])(
    'accepts %p without contacting any server',
    async (url) => {
      const client = eventStoreDbClientFor(url);
      await client.dispose();
    },
  );
});

describe('connectEventStoreDb', () => {
  it('fails fast, in one clear line, when nothing listens on the port', async () => {
    const started = Date.now();
    const error = await failure(connectEventStoreDb(CLOSED_PORT_URL));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toMatch(/^Cannot reach EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false \(EVENTSTORE_URL\): /);
    expect(error.message).toMatch(/UNAVAILABLE|ECONNREFUSED/);
    expect(error.message).not.toContain('\n');
  });

  describe('against a server that accepts connections but never answers', () => {
    let server: net.Server;
    const sockets = new Set<net.Socket>();
    let port = 0;
    beforeAll(async () => {
      server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives up after the timeout with the URL (password hidden) and the reason', async () => {
      const started = Date.now();
      const error = await failure(connectEventStoreDb(`esdb://admin:changeit@127.0.0.1:${port}?tls=false`, { timeoutMs: 400 }));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(390);
      expect(elapsed).toBeLessThan(3000);
      expect(error.message).toBe(`Cannot reach EventStoreDB at esdb://***@127.0.0.1:${port}?tls=false (EVENTSTORE_URL): no answer within 400 ms`);
    });
  });

  it('refuses a malformed URL before opening any connection', async () => {
    await expect(connectEventStoreDb('http://not-eventstore')).rejects.toThrow(/^EVENTSTORE_URL "http:\/\/not-eventstore" is not an EventStoreDB connection string/);
  });
});

describe('command index', () => {
  it('names one stream per command id: hamaynkcommand-<sha256 of the id in hex>', () => {
    const id = 'cmd-Գյումրի-42';
    const expected = `hamaynkcommand-${createHash('sha256').update(id, 'utf8').digest('hex')}`;
    expect(commandStreamName(id)).toBe(expected);
    expect(commandStreamName(id)).toMatch(/^hamaynkcommand-[0-9a-f]{64}$/);
    expect(commandStreamName('cmd-43')).not.toBe(commandStreamName(id));
    expect(categoryOf(commandStreamName(id))).toBe(COMMAND_STREAM_CATEGORY);
  });

  it('keeps index streams and system events out of reads and subscriptions, and matches categories exactly', () => {
    expect(isVisibleEvent(commandStreamName('c1'), 'CommandRecorded')).toBe(false);
    expect(isVisibleEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(false);
    expect(isVisibleEvent('fee-1', '$metadata')).toBe(false);
    expect(isVisibleEvent('fee-1', 'FeeAssessed')).toBe(true);
    expect(isVisibleEvent('fee-1', 'FeeAssessed', 'fee')).toBe(true);
    expect(isVisibleEvent('feedback-1', 'Other', 'fee')).toBe(false);
    expect(isVisibleEvent(commandStreamName('c1'), 'CommandRecorded', COMMAND_STREAM_CATEGORY)).toBe(false);
  });

  describe('checks made before the server is contacted', () => {
    // The client is lazy: these calls fail (or answer) without a connection, so nothing listens on port 1.
    let store: EventStoreDbEventStore;
    beforeEach(() => {
      store = new EventStoreDbEventStore(eventStoreDbClientFor(CLOSED_PORT_URL));
    });
    afterEach(async () => store.close());

    it('refuses appends to the reserved index category', async () => {
      const error = await failure(store.append(commandStreamName('c1'), [newEvent('CommandRecorded', {})], { expectedRevision: 'any' }));
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).fields).toEqual(['streamId']);
      expect(error.message).toMatch(/reserved for the command index/);
    });

    it('refuses bad input with ValidationFailed rather than a connection error', async () => {
      await expect(store.append('fee-1', [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(store.append('no dash', [newEvent('Ok', {})], { expectedRevision: 'any' })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(store.append('fee-1', [newEvent('Ok', {})], { expectedRevision: -1 })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(store.readStream('fee-1', { fromRevision: 1.5 })).rejects.toBeInstanceOf(ValidationFailed);
    });

    it('shows no index stream through readStream or streamInfo', async () => {
      await expect(store.readStream(commandStreamName('c1'))).resolves.toEqual([]);
      await expect(store.streamInfo(commandStreamName('c1'))).resolves.toBeNull();
    });

    it('reports its kind and refuses work once closed', async () => {
      expect(store.kind).toBe('eventstoredb');
      await store.close();
      await expect(store.readAll()).rejects.toThrow(/closed/);
      await expect(store.append('fee-1', [newEvent('Ok', {})], { expectedRevision: 'any' })).rejects.toThrow(/closed/);
    });
  });
});

describe('bytes between the port and the client library', () => {
  /** What the client library returns for an event this adapter wrote: binary data as is, JSON metadata parsed. */
  const asReadBack = (streamId: string, eventData: ReturnType<typeof toEsdbEventData>) => ({
    streamId,
    type: eventData.type,
    revision: 3n,
    isJson: false,
    data: Uint8Array.from(eventData.data),
    metadata: JSON.parse(Buffer.from(eventData.metadata as Uint8Array).toString('utf8')) as unknown,
  });

  it('stores exactly the canonical bytes and reads back exactly the same bytes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue()), (data, extra) => {
        const metadata = { ...extra, eventId: 'e-1' } as unknown as EventMetadata;
        const [encoded] = encodeEvents('fee-1', [{ type: 'FeeAssessed', data, metadata }]);
        const eventData = toEsdbEventData(encoded, esdbEventId(encoded.eventId));
        expect(eventData.contentType).toBe('application/octet-stream');
        expect(Buffer.from(eventData.data).equals(encoded.dataBytes)).toBe(true);
        // The client sends custom metadata untouched only when it is a plain Uint8Array (not a Buffer).
        expect(eventData.metadata?.constructor).toBe(Uint8Array);
        expect(Buffer.from(eventData.metadata as Uint8Array).equals(encoded.metadataBytes)).toBe(true);

        const read = decodeEsdbEvent(asReadBack('fee-1', eventData), 1234n);
        expect(Buffer.from(read.dataBytes).equals(encoded.dataBytes)).toBe(true);
        expect(Buffer.from(read.metadataBytes).equals(encoded.metadataBytes)).toBe(true);
        expect(read.data).toEqual(JSON.parse(canonicalJson(data)));
        expect(read.metadata).toEqual(JSON.parse(canonicalJson(metadata)));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips an envelope with Armenian text and reports stream, type, revision and position', () => {
    const event = newEvent('CommunityRegistered', { nameHy: 'Գյումրի', population: 121976, nested: { z: 1, a: [true, null, 0.5] } });
    const [encoded] = encodeEvents('community-GYU', [event]);
    const read = decodeEsdbEvent(asReadBack('community-GYU', toEsdbEventData(encoded, esdbEventId(encoded.eventId))), 987654321012n);
    expect(read).toMatchObject({ streamId: 'community-GYU', type: 'CommunityRegistered', revision: 3, position: 987654321012n });
    expect(read.metadata).toEqual(event.metadata);
    expect(Buffer.from(read.dataBytes).toString('utf8')).toBe(canonicalJson(event.data));
    expect(Buffer.from(read.metadataBytes).toString('utf8')).toBe(canonicalJson(event.metadata));
  });

  it('refuses, clearly, events that another client wrote without the JSON envelope', () => {
    const data = Buffer.from('{"a":1}');
    expect(() => decodeEsdbEvent({ streamId: 'fee-1', type: 'X', revision: 0n, isJson: false, data, metadata: undefined }, 1n)).toThrow(
      /fee-1@0 has no JSON metadata envelope; it was not written by Hamaynk/,
    );
    expect(() => decodeEsdbEvent({ streamId: 'fee-1', type: 'X', revision: 0n, isJson: false, data: Buffer.from('not json'), metadata: {} }, 1n)).toThrow(
      /does not hold JSON data/,
    );
  });

  it('uses metadata.eventId as the EventStoreDB id when it is a UUID, else a stable UUID derived from it', () => {
    expect(esdbEventId('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    const derived = esdbEventId('evt-1');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(esdbEventId('evt-1')).toBe(derived);
    expect(esdbEventId('evt-2')).not.toBe(derived);
  });
});

describe('revisions and positions', () => {
  it('maps expected revisions to the client’s', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no-stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream-exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(7)).toBe(7n);
  });

  it('turns WrongExpectedVersion into ConcurrencyConflict with the embedded store’s wording', () => {
    const stale = toConcurrencyConflict('fee-1', 2, new WrongExpectedVersionError(undefined, { streamName: 'fee-1', expected: 2n, current: 4n }));
    expect(stale).toBeInstanceOf(ConcurrencyConflict);
    expect(stale).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'fee-1', expected: '2', actual: '4' });
    const missing = toConcurrencyConflict(
      'fee-1',
      'stream-exists',
      new WrongExpectedVersionError(undefined, { streamName: 'fee-1', expected: 'stream_exists', current: NO_STREAM }),
    );
    expect(missing).toMatchObject({ expected: 'stream-exists', actual: 'no-stream' });
  });

  it('starts a read after an arbitrary position at that position, else at its chunk, else at the log’s start', () => {
    const chunk = 256n * 1024n * 1024n;
    expect(startCandidates(0n)).toEqual(['start']);
    expect(startCandidates(4095n)).toEqual([{ commit: 4095n, prepare: 4095n }, 'start']);
    expect(startCandidates(chunk + 17n)).toEqual([{ commit: chunk + 17n, prepare: chunk + 17n }, { commit: chunk, prepare: chunk }, 'start']);
    expect(startCandidates(chunk)).toEqual([{ commit: chunk, prepare: chunk }, 'start']);
  });
});
