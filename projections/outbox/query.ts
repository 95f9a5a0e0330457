/**
 * `myMessages` and `myContactDetails`: a resident's messages, newest first, each in their language, and
 * their contact details, from the outbox read model.
 */
import type { MessageLanguage } from '../../domain/contact/commands';
import type { ReadModelReader } from '../../application/ports/read-store';
import { composeMessage } from '../../application/notifications/messages';
import { OUTBOX_COLLECTIONS, type OutboxContactDoc, type OutboxMessageDoc } from './schema';

export interface ResidentMessage {
  readonly id: string;
  readonly kind: string;
  readonly caseKind: string;
  readonly caseId: string;
  readonly communityId: string;
  readonly occurredAt: string;
  readonly position: string;
  readonly language: MessageLanguage;
  readonly subject: string;
  readonly text: string;
}

export interface MessagePage {
  readonly nodes: ResidentMessage[];
  readonly totalCount: number;
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

export const createOutboxQueries = (readStore: ReadModelReader, links: { readonly publicUrl: string }) => ({
  async contactDetailsOf(personId: string): Promise<OutboxContactDoc | null> {
    return readStore.get<OutboxContactDoc>(OUTBOX_COLLECTIONS.contacts, personId);
  },

  /** A page of the resident's messages, newest first; in `lang`, else the language of their contact details, else Armenian. */
  async messagesOf(personId: string, page: { first: number; after?: string }, lang?: MessageLanguage | null): Promise<MessagePage> {
    const contact = lang ? null : await readStore.get<OutboxContactDoc>(OUTBOX_COLLECTIONS.contacts, personId);
    const language: MessageLanguage = lang ?? contact?.language ?? 'hy';
    const found = await readStore.find<OutboxMessageDoc>(OUTBOX_COLLECTIONS.messages, {
      filter: { recipientId: personId },
      sort: [['seq', 'desc']],
      limit: page.first,
      ...(page.after ? { after: page.after } : {}),
    });
    return {
      nodes: found.items.map((m) => {
        const { subject, text } = composeMessage(m, language, links);
        return { id: m.id, kind: m.kind, caseKind: m.caseKind, caseId: m.caseId, communityId: m.communityId, occurredAt: m.occurredAt, position: m.position, language, subject, text };
      }),
      totalCount: found.totalCount,
      pageInfo: { endCursor: found.endCursor, hasNextPage: found.hasNextPage },
    };
  },
});

export type OutboxQueries = ReturnType<typeof createOutboxQueries>;
