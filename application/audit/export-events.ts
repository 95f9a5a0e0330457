/**
 * `hamaynk events export`: streams the global log in order, one JSON document a line.
 *
 * - `ndjson`: `{"position":"…","streamId":"…","revision":…,"type":"…","data":…,"metadata":…}` where
 *   `data` and `metadata` are the stored canonical JSON bytes, copied as they are.
 * - `cloudevents`: CloudEvents 1.0 in the JSON event format, one event a line (docs/audit.md, "Export").
 *
 * Armenian (and any other) text is written as UTF-8, never escaped, so it round-trips byte for byte.
 */
import { ValidationFailed } from '../errors';
import { categoryOf, type EventStore, type RecordedEvent } from '../ports/event-store';

export type ExportFormat = 'ndjson' | 'cloudevents';

export interface ExportEventsOptions {
  readonly eventStore: Pick<EventStore, 'readAll'>;
  /** Export the events strictly after this position (exclusive, as the `events` subscription's `fromPosition`); omitted: from the start. */
  readonly from?: bigint | string;
  readonly format: ExportFormat;
  /** Receives each line (without the newline); may return a promise to apply back-pressure. */
  readonly write: (line: string) => void | Promise<void>;
  /** Events read per batch. */
  readonly batchSize?: number;
  /** This deployment's address (PUBLIC_URL), the root of the CloudEvents `source` (see cloudEventSource). */
  readonly deployment?: string;
}

export interface ExportSummary {
  readonly events: number;
  /** Position of the last event written, or null when none was. */
  readonly lastPosition: string | null;
}

const bytesText = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** One ndjson line of an event. */
export const ndjsonLine = (e: RecordedEvent): string =>
  `{"position":"${e.position.toString()}","streamId":${JSON.stringify(e.streamId)},"revision":${JSON.stringify(e.revision)},"type":${JSON.stringify(e.type)},"data":${bytesText(e.dataBytes)},"metadata":${bytesText(e.metadataBytes)}}`;

/** The CloudEvents `type` of a Hamaynk event: `am.hamaynk.<category>.<EventType>`. */
export const cloudEventType = (e: Pick<RecordedEvent, 'streamId' | 'type'>): string => `am.hamaynk.${categoryOf(e.streamId)}.${e.type}`;

/** The community an event belongs to: its data's `communityId`, a community stream's code, or its actor's community. */
export const communityOfEvent = (e: Pick<RecordedEvent, 'streamId' | 'data' | 'metadata'>): string | undefined => {
  const fromData = (e.data as { communityId?: unknown } | null)?.communityId;
  if (typeof fromData === 'string' && fromData) return fromData;
  if (categoryOf(e.streamId) === 'community') return e.streamId.slice('community-'.length);
  return e.metadata.actor?.communityId;
};

/**
 * The CloudEvents `source`: `<deployment>/communities/<communityId>` for an event of a community, else
 * `<deployment>/<category>` (national facts: the staff directory's officials, the calendar). Without a
 * deployment address (a library caller): `urn:hamaynk:<category>`.
 */
export const cloudEventSource = (e: Pick<RecordedEvent, 'streamId' | 'data' | 'metadata'>, deployment?: string): string => {
  if (deployment === undefined) return `urn:hamaynk:${categoryOf(e.streamId)}`;
  const community = communityOfEvent(e);
  return community ? `${deployment}/communities/${encodeURIComponent(community)}` : `${deployment}/${categoryOf(e.streamId)}`;
};

/**
 * One CloudEvents 1.0 JSON event (structured mode) of an event, on one line: what `events export --format
 * cloudevents` writes and what a webhook POSTs. `data` is the stored canonical bytes, copied as they are.
 */
export const cloudEventLine = (e: RecordedEvent, deployment?: string): string => {
  const attributes: Record<string, unknown> = {
    specversion: '1.0',
    id: e.metadata.eventId,
    source: cloudEventSource(e, deployment),
    type: cloudEventType(e),
    subject: e.streamId,
    time: e.metadata.occurredAt,
    datacontenttype: 'application/json',
    // Extension attributes (lowercase letters and digits, CloudEvents 1.0 §3.1.1).
    position: e.position.toString(),
    streamrevision: e.revision,
    recordedat: e.metadata.recordedAt,
    correlationid: e.metadata.correlationId,
    causationid: e.metadata.causationId,
    schemaversion: e.metadata.schemaVersion,
  };
  for (const key of Object.keys(attributes)) if (attributes[key] === undefined) delete attributes[key];
  const head = JSON.stringify(attributes);
  return `${head.slice(0, -1)},"data":${bytesText(e.dataBytes)}}`;
};

export const exportEvents = async (options: ExportEventsOptions): Promise<ExportSummary> => {
  const { eventStore, format, write } = options;
  if (format !== 'ndjson' && format !== 'cloudevents') throw new ValidationFailed(`format must be "ndjson" or "cloudevents", not "${String(format)}"`, ['format']);
  let after: bigint | undefined;
  if (options.from !== undefined) {
    const from = options.from;
    if (typeof from === 'bigint' ? from < 0n : !/^[0-9]{1,20}$/.test(from)) throw new ValidationFailed('from must be a global position in decimal digits', ['from']);
    after = BigInt(from);
  }
  const { deployment } = options;
  const line = format === 'ndjson' ? ndjsonLine : (e: RecordedEvent) => cloudEventLine(e, deployment);
  const batchSize = options.batchSize ?? 1000;
  let events = 0;
  let lastPosition: string | null = null;
  for (;;) {
    const batch = await eventStore.readAll({ after, maxCount: batchSize });
    for (const event of batch) {
      const pending = write(line(event));
      if (pending) await pending;
      events += 1;
      lastPosition = event.position.toString();
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].position;
  }
  return { events, lastPosition };
};
