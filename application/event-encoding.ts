import { ValidationFailed } from './errors';
import { canonicalBytes } from './canonical-json';
import { MAX_EVENT_BYTES, type EventMetadata, type NewEvent, type RecordedEvent } from './ports/event-store';

export interface EncodedEvent {
  readonly type: string;
  readonly eventId: string;
  readonly dataBytes: Buffer;
  readonly metadataBytes: Buffer;
}

const STREAM_ID = /^[a-z][a-z0-9_]*-[A-Za-z0-9_.:-]{1,200}$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** Checks a stream id: `category-id`, the EventStoreDB convention docs/architecture.md uses. */
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

/** The stored text behind a lazily decoded RecordedEvent, and what was made of it so far. */
class StoredText {
  metadata: EventMetadata | undefined = undefined;
  dataBytes: Buffer | undefined = undefined;
  metadataBytes: Buffer | undefined = undefined;
  constructor(
    readonly dataText: string,
    readonly metadataText: string,
  ) {}
}

/** Returns the object it is given, so that a subclass's private field can be added to any object. */
class Carrier {
  constructor(target: object) {
    return target;
  }
}

/**
 * Adds the stored text to a plain RecordedEvent as a private field (invisible to keys, spread, JSON,
 * structured clone and equality), and holds the accessors that decode from it.
 */
class WithStoredText extends Carrier {
  #text: StoredText;
  constructor(target: object, text: StoredText) {
    super(target);
    this.#text = text;
  }

  /** An own enumerable accessor that makes its value from the stored text once; assigning one makes it data. */
  private static lazy<T>(name: 'metadata' | 'dataBytes' | 'metadataBytes', make: (text: StoredText) => T): PropertyDescriptor {
    return {
      enumerable: true,
      configurable: true,
      get(this: WithStoredText): T {
        return make(this.#text);
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    };
  }

  /** Own enumerable accessors, as the object's other properties are own enumerable data. */
  static readonly accessors: PropertyDescriptorMap = {
    metadata: WithStoredText.lazy('metadata', (text) => (text.metadata ??= JSON.parse(text.metadataText) as EventMetadata)),
    dataBytes: WithStoredText.lazy('dataBytes', (text) => (text.dataBytes ??= Buffer.from(text.dataText, 'utf8'))),
    metadataBytes: WithStoredText.lazy('metadataBytes', (text) => (text.metadataBytes ??= Buffer.from(text.metadataText, 'utf8'))),
  };
}

/**
 * A RecordedEvent from its stored `data` and `metadata` read as text (`CAST(blob AS TEXT)`): `data` is
 * parsed at once (every projection reads it), `metadata` when first read, and `dataBytes` and
 * `metadataBytes` made from the text when first read (most readers never touch them; decoding metadata
 * eagerly was a fifth of a rebuild). It is still a plain object with the same own enumerable properties,
 * in the same order, so keys, spread, JSON.stringify, structured clone and equality see the same values
 * (they read them through the accessors); the values are computed once and kept.
 *
 * The bytes made from the text are the stored ones when the stored ones were valid UTF-8 (decoding and
 * encoding again gives the same bytes), and invalid UTF-8 always decodes to U+FFFD: so it returns null
 * when the text holds a U+FFFD (a stored U+FFFD, or bytes that were not UTF-8), and the caller then
 * builds the event from the stored bytes.
 */
export const recordedEventFromText = (
  streamId: string,
  type: string,
  revision: number,
  position: bigint,
  dataText: string,
  metadataText: string,
): RecordedEvent | null => {
  if (dataText.includes('\uFFFD') || metadataText.includes('\uFFFD')) return null;
  const event = { streamId, type, revision, position, data: JSON.parse(dataText) as unknown };
  new WithStoredText(event, new StoredText(dataText, metadataText));
  return Object.defineProperties(event, WithStoredText.accessors) as unknown as RecordedEvent;
};
