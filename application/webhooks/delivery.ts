/**
 * Webhook delivery: each registered webhook has a loop of its own that POSTs every event of its categories,
 * in log order, to its URL as a CloudEvent (the mapping of `events export --format cloudevents`), signed per
 * Standard Webhooks. At least once: the checkpoint moves only after a 2xx answer, and is durable
 * (WebhookDeliveryStore) before the next event is sent, so a restart resends at most the one event in flight
 * and never skips or reorders one.
 *
 * - A non-2xx answer, a timeout (`timeoutMs` per request) or a connection error is retried with exponential
 *   back-off and jitter; after `parkAfterMs` (24 h) of failures the webhook is parked (WebhookParked, through
 *   the command pipeline as the system) until its owner or the ministry resumes it (WebhookResumed): the
 *   failed event is then delivered first.
 * - One process delivers each webhook: the loop runs only while this process holds the webhook's lease
 *   (`webhook:<id>`, the ProjectionLeases the projections use), renewed on a heartbeat; a process that loses
 *   it stops that loop, and another takes the webhook over within the lease time.
 * - Loops are independent: a receiver that answers slowly (or not at all) holds back only its own webhook.
 * - Webhooks are learned from the log's `webhook` category; a new one starts after its registration.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { firstValueFrom } from 'rxjs';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_CATEGORY, webhookDecider, type WebhookEvent, type WebhookState } from '../../domain/webhook';
import { cloudEventLine } from '../audit/export-events';
import { systemActor } from '../authorization';
import type { Commands } from '../commands/registry';
import type { Clock } from '../ids';
import { categoryOf, type EventStore, type RecordedEvent } from '../ports/event-store';
import type { WebhookDeliveryState, WebhookDeliveryStore } from '../ports/integration-state';
import type { ProjectionLeases } from '../ports/read-store';
import { asIntegrationSees } from '../integration-view';
import type { WebhookSecretOf } from './secret';

/** Sends one request; answers the HTTP status, or throws on a timeout, a connection error (the message says which) or `signal`'s abort. */
export interface WebhookTransport {
  post(url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number, signal?: AbortSignal): Promise<number>;
}

export interface WebhookDeliveryOptions {
  /** Per request (ms, default 10 000). */
  readonly timeoutMs?: number;
  /** Failures for this long park a webhook (ms, default 24 h). */
  readonly parkAfterMs?: number;
  /** The first retry's delay (ms, default 1 000); each further one doubles, up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  /** The longest delay between two attempts (ms, default 1 h). */
  readonly maxBackoffMs?: number;
  /** Events read from the log at a time (default 100). */
  readonly batchSize?: number;
  /** How long a lease lasts unless renewed (ms, default 15 000); renewed every third of it. */
  readonly leaseTtlMs?: number;
  /** How often new webhooks, parkings and resumptions are read from the log (ms, default 1 000). */
  readonly discoveryIntervalMs?: number;
  /**
   * After a success, the checkpoint is written at once if the last write is this old, else when the batch
   * ends, at a failure or at a stop (ms, default 50): a crash resends at most this much, in order.
   */
  readonly checkpointEveryMs?: number;
  /** Who this process is in the leases (default host-pid-random, as the projections'). */
  readonly ownerId?: string;
}

export interface WebhookDispatcherDeps {
  readonly eventStore: Pick<EventStore, 'readAll' | 'subscribe'>;
  readonly leases: ProjectionLeases;
  readonly store: WebhookDeliveryStore;
  readonly commands: Pick<Commands, 'parkWebhook'>;
  readonly transport: WebhookTransport;
  readonly secretOf: WebhookSecretOf;
  /** This deployment's address (PUBLIC_URL): the CloudEvents `source` root. */
  readonly deployment: string;
  /** Business time: signatures' timestamps, attempts, back-off and parking (tests inject one). */
  readonly clock: Clock;
  /** Waits `ms` by `clock` or until `signal` aborts; default a timer (tests with an injected clock advance it). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1): the jitter (default Math.random). */
  readonly random?: () => number;
  readonly options?: WebhookDeliveryOptions;
  readonly onError?: (error: unknown, webhookId?: string) => void;
  readonly log?: (line: string) => void;
}

export interface WebhookDispatcher {
  readonly ownerId: string;
  start(): Promise<void>;
  /** Stops every loop (a request in flight is abandoned: it is resent by whoever delivers next) and gives the leases up. */
  stop(): Promise<void>;
  /** The webhooks whose loops run in this process now. */
  running(): string[];
}

export const WEBHOOK_LEASE_PREFIX = 'webhook:';

const timerSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The delay before attempt `attempts + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export const backoffMs = (attempts: number, initialMs: number, maxMs: number, random: () => number): number => {
  const exponential = Math.min(maxMs, initialMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.round(exponential / 2 + (exponential / 2) * random());
};

/** Whether the webhook delivers events of this stream (never a webhook's own events). */
export const deliversEvent = (categories: readonly string[], streamId: string): boolean => {
  const category = categoryOf(streamId);
  return category !== WEBHOOK_CATEGORY && (categories.length === 0 || categories.includes(category));
};

interface KnownWebhook {
  state: WebhookState;
  /** Position of the registration: deliveries start after it. */
  readonly registeredAt: bigint;
}

const freshState = (webhookId: string, after: bigint): WebhookDeliveryState => ({
  webhookId,
  deliveredPosition: after,
  pendingPosition: null,
  attempts: 0,
  lastAttemptAt: null,
  lastStatus: null,
  lastError: null,
  failingSince: null,
  nextAttemptAt: null,
  delivered: 0,
  resumptions: 0,
});

/** Builds a signed request: the CloudEvent body and the Standard Webhooks headers. */
export const signedDelivery = (signer: Webhook, event: RecordedEvent, deployment: string, at: Date) => {
  const body = cloudEventLine(asIntegrationSees(event), deployment);
  const id = event.metadata.eventId;
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign(id, at, body),
    },
  };
};

export const createWebhookDispatcher = (deps: WebhookDispatcherDeps): WebhookDispatcher => {
  const { eventStore, leases, store, transport, clock } = deps;
  const o = deps.options ?? {};
  const timeoutMs = o.timeoutMs ?? 10_000;
  const parkAfterMs = o.parkAfterMs ?? 24 * 3_600_000;
  const initialBackoffMs = o.initialBackoffMs ?? 1_000;
  const maxBackoffMs = o.maxBackoffMs ?? 3_600_000;
  const batchSize = o.batchSize ?? 100;
  const leaseTtlMs = o.leaseTtlMs ?? 15_000;
  const discoveryIntervalMs = o.discoveryIntervalMs ?? 1_000;
  const checkpointEveryMs = o.checkpointEveryMs ?? 50;
  const ownerId = o.ownerId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const sleep = deps.sleep ?? timerSleep;
  const random = deps.random ?? Math.random;
  const onError = deps.onError ?? (() => undefined);

  const known = new Map<string, KnownWebhook>();
  const loops = new Map<string, { abort: AbortController; done: Promise<void> }>();
  /** When each held lease was last renewed (this process's clock): a loop stops before its lease can run out. */
  const renewedAt = new Map<string, number>();
  let seen = 0n;
  let stopping: AbortController | null = null;
  let supervisor: Promise<void> | null = null;

  /** Takes in the webhook category's new events: registrations, parkings, resumptions. */
  const discover = async (): Promise<void> => {
    for (;;) {
      const batch = await eventStore.readAll({ after: seen, maxCount: 500, category: WEBHOOK_CATEGORY });
      for (const e of batch) {
        const id = (e.data as { webhookId: string }).webhookId;
        const entry = known.get(id) ?? { state: webhookDecider.initialState(), registeredAt: e.position };
        entry.state = webhookDecider.evolve(entry.state, { type: e.type, data: e.data } as WebhookEvent);
        known.set(id, entry);
        seen = e.position;
      }
      if (batch.length < 500) return;
    }
  };

  /** Waits until the log has something after `after`, `ms` pass, or `signal` aborts. */
  const waitForEvents = (after: bigint, ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const inner = new AbortController();
      const finish = () => {
        inner.abort();
        signal.removeEventListener('abort', finish);
        resolve();
      };
      signal.addEventListener('abort', finish, { once: true });
      void timerSleep(ms, inner.signal).then(finish);
      firstValueFrom(eventStore.subscribe({ after })).then(finish, finish);
    });

  const deliverLoop = async (id: string, signal: AbortSignal): Promise<void> => {
    const signer = new Webhook(deps.secretOf(id));
    const hook = () => known.get(id)!;
    let st = await store.get(id);
    let unsaved = false;
    let savedAt = 0;
    /** `lazily`: a success, written now only if the last write is checkpointEveryMs old (see the option). */
    const save = async (next: WebhookDeliveryState, lazily = false) => {
      st = next;
      if (lazily && performance.now() - savedAt < checkpointEveryMs) {
        unsaved = true;
        return;
      }
      await store.save(next);
      unsaved = false;
      savedAt = performance.now();
    };
    const flush = async () => {
      if (unsaved && st) await save(st);
    };
    try {
      await loop();
    } finally {
      await flush();
    }

    async function loop(): Promise<void> {
      // Taken up for the first time: its starting point (after the registration) is recorded at once.
      if (st === null) await save(freshState(id, hook().registeredAt));

      while (!signal.aborted && st) {
        const { state } = hook();
        if (state.resumptions > st.resumptions) {
          // Resumed: try the failed event again at once, with a fresh run of failures.
          await save({ ...st, resumptions: state.resumptions, attempts: 0, failingSince: null, nextAttemptAt: null });
        }
        if (state.status === 'parked') {
          await timerSleep(discoveryIntervalMs, signal);
          continue;
        }
        const batch = await eventStore.readAll({ after: st.deliveredPosition, maxCount: batchSize, category: state.categories.length === 1 ? state.categories[0] : undefined });
        if (batch.length === 0) {
          await flush();
          await waitForEvents(st.deliveredPosition, discoveryIntervalMs, signal);
          continue;
        }
        for (const event of batch) {
          if (signal.aborted) return;
          if (!deliversEvent(hook().state.categories, event.streamId)) continue;
          // Everything before this event in the batch is not this webhook's: the checkpoint may pass it.
          const delivered = await deliverOne(id, event, signer, signal, () => st!, save);
          if (!delivered) break; // parked, stopped or lease lost: read again from the checkpoint
        }
        if (signal.aborted) return;
        const last = batch[batch.length - 1].position;
        if (st.pendingPosition === null && hook().state.status === 'active' && last > st.deliveredPosition) await save({ ...st, deliveredPosition: last }, true);
        if (batch.length < batchSize) await flush();
      }
    }
  };

  /** Delivers one event, retrying until a 2xx, parking after parkAfterMs; false when it stopped without delivering. */
  const deliverOne = async (
    id: string,
    event: RecordedEvent,
    signer: Webhook,
    signal: AbortSignal,
    current: () => WebhookDeliveryState,
    save: (s: WebhookDeliveryState, lazily?: boolean) => Promise<void>,
  ): Promise<boolean> => {
    for (;;) {
      if (signal.aborted || known.get(id)!.state.status === 'parked') return false;
      const st = current();
      if (st.pendingPosition === event.position && st.nextAttemptAt) {
        const wait = Date.parse(st.nextAttemptAt) - clock.now().getTime();
        if (wait > 0) {
          await sleep(wait, signal);
          continue;
        }
      }
      const at = clock.now();
      const { body, headers } = signedDelivery(signer, event, deps.deployment, at);
      let status: number | null = null;
      let failure: string | null = null;
      try {
        status = await transport.post(known.get(id)!.state.url, body, headers, timeoutMs, signal);
        if (status < 200 || status > 299) failure = `HTTP ${status}`;
      } catch (error) {
        failure = (error as Error).message;
      }
      if (signal.aborted) return false;
      const now = clock.now();
      if (failure === null) {
        await save({
          ...st,
          deliveredPosition: event.position,
          pendingPosition: null,
          attempts: 0,
          lastAttemptAt: at.toISOString(),
          lastStatus: status,
          lastError: null,
          failingSince: null,
          nextAttemptAt: null,
          delivered: st.delivered + 1,
        }, true);
        return true;
      }
      const sameEvent = st.pendingPosition === event.position;
      const attempts = (sameEvent ? st.attempts : 0) + 1;
      const failingSince = st.failingSince ?? at.toISOString();
      const next = new Date(now.getTime() + backoffMs(attempts, initialBackoffMs, maxBackoffMs, random));
      await save({ ...st, pendingPosition: event.position, attempts, lastAttemptAt: at.toISOString(), lastStatus: status, lastError: failure, failingSince, nextAttemptAt: next.toISOString() });
      if (now.getTime() - Date.parse(failingSince) >= parkAfterMs) {
        try {
          await deps.commands.parkWebhook(
            { id, reason: failure.slice(0, 500), failingSince, position: event.position.toString() },
            { actor: systemActor(), commandId: `webhook-park:${id}:${event.position}:${failingSince}` },
          );
          deps.log?.(`webhook ${id} parked after failures since ${failingSince}: ${failure}`);
        } catch (error) {
          onError(error, id);
        }
        await discover().catch((error: unknown) => onError(error, id));
        return false;
      }
    }
  };

  const startLoop = (id: string): void => {
    const abort = new AbortController();
    const done = deliverLoop(id, abort.signal).catch((error: unknown) => onError(error, id));
    loops.set(id, { abort, done: done.finally(() => loops.delete(id)) });
    deps.log?.(`webhook ${id} delivered by ${ownerId}`);
  };

  const stopLoop = async (id: string): Promise<void> => {
    const loop = loops.get(id);
    if (!loop) return;
    loop.abort.abort();
    await loop.done;
  };

  /** Learns new webhooks and keeps the leases: a loop per webhook whose lease this process holds. */
  const round = async (): Promise<void> => {
    await discover();
    for (const id of known.keys()) {
      if (stopping?.signal.aborted) return;
      try {
        const asked = performance.now();
        const lease = await leases.acquireLease(`${WEBHOOK_LEASE_PREFIX}${id}`, ownerId, leaseTtlMs);
        if (lease.held) renewedAt.set(id, asked);
        if (lease.held && !loops.has(id)) startLoop(id);
        else if (!lease.held && loops.has(id)) await stopLoop(id);
      } catch (error) {
        onError(error, id);
        // Not renewed: stop before the lease can expire and another process take the webhook up too.
        if (loops.has(id) && performance.now() - (renewedAt.get(id) ?? 0) > (leaseTtlMs * 2) / 3) await stopLoop(id);
      }
    }
  };

  return {
    ownerId,
    start: async () => {
      if (supervisor) return;
      const abort = new AbortController();
      stopping = abort;
      await round();
      supervisor = (async () => {
        while (!abort.signal.aborted) {
          await timerSleep(Math.min(discoveryIntervalMs, leaseTtlMs / 3), abort.signal);
          if (abort.signal.aborted) break;
          await round().catch((error: unknown) => onError(error));
        }
      })();
    },
    stop: async () => {
      stopping?.abort();
      await supervisor;
      await Promise.all([...loops.keys()].map(stopLoop));
      for (const id of known.keys()) await leases.releaseLease(`${WEBHOOK_LEASE_PREFIX}${id}`, ownerId).catch((error: unknown) => onError(error, id));
      supervisor = null;
    },
    running: () => [...loops.keys()],
  };
};
