import type { Observable } from 'rxjs';

/** Who acted, how strongly identified, and through which channel (docs/architecture.md, "Event envelope"). */
export interface Actor {
  readonly id: string;
  readonly role: 'resident' | 'staff' | 'head' | 'council' | 'ministry' | 'auditor' | 'integration' | 'system';
  readonly communityId?: string;
  readonly assurance: 'eid' | 'mid' | 'password' | 'system';
  readonly channel: 'online' | 'cso' | 'hotline' | 'in-person' | 'staff' | 'system';
  readonly officeId?: string;
  /** The resident a staff member acts for (at an office, the hotline, in person). */
  readonly onBehalfOf?: string;
}

export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  /** Business time, ISO 8601; may be in the past for imported history. */
  readonly occurredAt: string;
  /** Store time, ISO 8601, set by the application when it builds the envelope. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
}

/** An event to append: `data` and `metadata` must be JSON values; they are stored as RFC 8785 bytes. */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly type: string;
  /** 0 for a stream's first event (as in EventStoreDB). */
  readonly revision: number;
  /** Global position: gap-free from 1 on the embedded store; the commit position on EventStoreDB. */
  readonly position: bigint;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** The exact stored bytes (canonical JSON) that the audit log hashes. */
  readonly dataBytes: Uint8Array;
  readonly metadataBytes: Uint8Array;
}

/** `any`, `no-stream`, `stream-exists`, or the exact revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | number;

/** The command an append carries, for the global index of command ids (idempotent retries). */
export interface CommandRecord {
  readonly commandId: string;
  /** Hash of what the command asked (type, stream, input); a reuse for something else is refused. */
  readonly fingerprint: string;
  readonly streamId: string;
  /** The stream revision after the command's events. */
  readonly revision: number;
  readonly position: bigint;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  /** Records the command id in the same transaction as the events. */
  readonly command?: { readonly commandId: string; readonly fingerprint: string };
}

export interface AppendResult {
  /** The stream's revision after the append. */
  readonly nextRevision: number;
  readonly firstPosition: bigint;
  readonly lastPosition: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Start at this revision (inclusive). Forwards default 0; backwards default the end. */
  readonly fromRevision?: number;
  /** Stop at this revision (inclusive). */
  readonly toRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position (exclusive, as in EventStoreDB); omitted: from the start. */
  readonly after?: bigint;
  readonly maxCount?: number;
  /** Only events of this stream category (the part of the stream id before the first `-`). */
  readonly category?: string;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; omitted: from the start of the log. */
  readonly after?: bigint;
  readonly category?: string;
}

export interface StreamInfo {
  readonly streamId: string;
  readonly revision: number;
  readonly createdAt?: string;
  readonly lastPosition: bigint;
}

/** The largest canonical `data` + `metadata` of one event, in bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;

export interface EventStore {
  /** `sqlite` or `eventstoredb`, as `/health` reports it. */
  readonly kind: 'sqlite' | 'eventstoredb';
  /**
   * True when `findCommand` is written in the same transaction as the events, so it alone tells a
   * repeated command; otherwise the command handler also looks for the command id in the stream.
   */
  readonly commandIndexAtomic?: boolean;
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live, in global order, each event once; no gap or duplicate at the switch. */
  subscribe(options?: SubscribeOptions): Observable<RecordedEvent>;
  /** Position of the newest event, or null when the log is empty. */
  headPosition(): Promise<bigint | null>;
  streamInfo(streamId: string): Promise<StreamInfo | null>;
  findCommand(commandId: string): Promise<CommandRecord | null>;
  close(): Promise<void>;
}

export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/** An append whose command id was already recorded (a duplicate racing the first): carries the first's record. */
export class CommandAlreadyRecorded extends Error {
  readonly code = 'COMMAND_ALREADY_RECORDED';
  constructor(readonly record: CommandRecord) {
    super(`Command ${record.commandId} was already recorded`);
    this.name = 'CommandAlreadyRecorded';
  }
}
