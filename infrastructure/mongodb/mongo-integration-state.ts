/**
 * Webhook delivery checkpoints (`webhook_deliveries`) and feed consumers' checkpoints (`event_consumers`)
 * in the MongoDB read store's database, shared by every process. Positions are stored as
 * zero-padded 20-digit strings so that `$max` and comparisons order them as numbers, and a stale writer
 * never moves a checkpoint backwards (the filter of each update says so).
 */
import type { Collection, Db } from 'mongodb';
import type { EventConsumerCheckpoint, EventConsumerStore, IntegrationStateStore, WebhookDeliveryState } from '../../application/ports/integration-state';

interface DeliveryDoc {
  _id: string;
  deliveredPosition: string;
  state: Omit<WebhookDeliveryState, 'deliveredPosition' | 'pendingPosition' | 'webhookId'> & { pendingPosition: string | null };
}

interface ConsumerDoc {
  _id: string;
  integration: string;
  consumer: string;
  position: string | null;
  category: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
}

const pad = (p: bigint): string => p.toString().padStart(20, '0');

const consumerOf = (d: ConsumerDoc): EventConsumerCheckpoint => ({
  integration: d.integration,
  consumer: d.consumer,
  position: d.position === null ? null : BigInt(d.position),
  category: d.category,
  createdAt: d.createdAt,
  acknowledgedAt: d.acknowledgedAt,
});

export class MongoIntegrationState implements IntegrationStateStore {
  private readonly deliveries: Collection<DeliveryDoc>;
  private readonly consumerDocs: Collection<ConsumerDoc>;
  readonly consumers: EventConsumerStore;

  constructor(db: Db) {
    this.deliveries = db.collection<DeliveryDoc>('webhook_deliveries');
    this.consumerDocs = db.collection<ConsumerDoc>('event_consumers');
    const key = (integration: string, consumer: string) => JSON.stringify([integration, consumer]);
    const docs = this.consumerDocs;
    const get = async (integration: string, consumer: string) => {
      const d = await docs.findOne({ _id: key(integration, consumer) });
      return d ? consumerOf(d) : null;
    };
    const ensure = async (integration: string, consumer: string, now: Date, category: string | null) => {
      await docs.updateOne(
        { _id: key(integration, consumer) },
        { $setOnInsert: { integration, consumer, position: null, category, createdAt: now.toISOString(), acknowledgedAt: null } },
        { upsert: true },
      );
    };
    this.consumers = {
      get,
      touch: async (integration, consumer, category, now) => {
        await ensure(integration, consumer, now, category);
        await docs.updateOne({ _id: key(integration, consumer) }, { $set: { category } });
        return (await get(integration, consumer))!;
      },
      acknowledge: async (integration, consumer, position, now) => {
        await ensure(integration, consumer, now, null);
        const p = pad(position);
        await docs.updateOne({ _id: key(integration, consumer), $or: [{ position: null }, { position: { $lt: p } }] }, { $set: { position: p, acknowledgedAt: now.toISOString() } });
        return (await get(integration, consumer))!;
      },
      list: async () => (await docs.find({}).sort({ integration: 1, consumer: 1 }).toArray()).map(consumerOf),
    };
  }

  async get(webhookId: string): Promise<WebhookDeliveryState | null> {
    const d = await this.deliveries.findOne({ _id: webhookId });
    if (!d) return null;
    return { ...d.state, webhookId, deliveredPosition: BigInt(d.deliveredPosition), pendingPosition: d.state.pendingPosition === null ? null : BigInt(d.state.pendingPosition) };
  }

  async save(state: WebhookDeliveryState): Promise<void> {
    const { webhookId, deliveredPosition, pendingPosition, ...rest } = state;
    const p = pad(deliveredPosition);
    try {
      await this.deliveries.updateOne(
        { _id: webhookId, deliveredPosition: { $lte: p } },
        { $set: { deliveredPosition: p, state: { ...rest, pendingPosition: pendingPosition === null ? null : pendingPosition.toString() } } },
        { upsert: true },
      );
    } catch (error) {
      // The upsert of a document whose position is already further collides with it on _id: a stale save, ignored.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  async close(): Promise<void> {
    // The database's client is the read store's, closed with it.
  }
}
