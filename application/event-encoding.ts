import { ValidationFailed } from './errors';
import { canonicalBytes } from './canonical-json';
import { MAX_EVENT_BYTES, type NewEvent } from './ports/event-store';

export interface EncodedEvent {
  readonly type: string;
  readonly eventId: string;
  readonly dataBytes: Buffer;
  readonly metadataBytes: Buffer;
}

const STREAM_ID = /^[a-z][a-z0-9_]*-[A-Za-z0-9_.:-]{1,200}$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** Checks a stream id: `category-id`, the EventStoreDB convention DESIGN.md uses. */
export const assertStreamId = (streamId: string): void => {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new ValidationFailed(`Stream id "${String(streamId).slice(0, 80)}" is not of the form category-id`, ['streamId']);
  }
};

/**
 * Validates and encodes events before any store touches them, so bad input is refused the same way
 * on every adapter and nothing is written: empty or malformed types, non-JSON data, oversized events.
 */
export const encodeEvents = (streamId: string, events: readonly NewEvent[]): EncodedEvent[] => {
  assertStreamId(streamId);
  if (events.length === 0) throw new ValidationFailed('An append needs at least one event', ['events']);
  return events.map((event, i) => {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new ValidationFailed(`Event ${i} has an empty type`, [`events[${i}].type`]);
    }
    if (!EVENT_TYPE.test(event.type)) {
      throw new ValidationFailed(`Event type "${event.type.slice(0, 80)}" must be PascalCase letters and digits`, [`events[${i}].type`]);
    }
    const dataBytes = prefixed(() => canonicalBytes(event.data), `events[${i}].data`);
    const metadataBytes = prefixed(() => canonicalBytes(event.metadata), `events[${i}].metadata`);
    if (dataBytes.length + metadataBytes.length > MAX_EVENT_BYTES) {
      throw new ValidationFailed(
        `Event ${i} is ${dataBytes.length + metadataBytes.length} bytes; the limit is ${MAX_EVENT_BYTES}`,
        [`events[${i}].data`],
      );
    }
    const eventId = event.metadata?.eventId;
    if (typeof eventId !== 'string' || eventId.length === 0) {
      throw new ValidationFailed(`Event ${i} has no metadata.eventId`, [`events[${i}].metadata.eventId`]);
    }
    return { type: event.type, eventId, dataBytes, metadataBytes };
  });
};

const prefixed = <T>(fn: () => T, prefix: string): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationFailed) {
      throw new ValidationFailed(`${prefix}: ${e.message}`, e.fields.map((f) => (f === 'data' ? prefix : `${prefix}.${f}`)));
    }
    throw e;
  }
};

export const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
