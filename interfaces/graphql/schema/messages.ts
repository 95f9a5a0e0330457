/**
 * A resident's contact details and messages over GraphQL: the `ContactDetails` view that
 * `updateContactDetails` answers with (the mutation is printed from the command registry), and
 * `myContactDetails` and `myMessages` over the outbox read model, for the account page.
 */
import type { Actor } from '../../../application/ports/event-store';
import { pageSize, cursorArg } from '../../../application/queries/paging';
import { ValidationFailed } from '../../../application/errors';
import type { OutboxQueries } from '../../../projections/outbox/query';
import { authorizeRead, type Caller } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';

/** The view type; part of the command module's schema, since the Mutation type names it. */
export const contactDetailsTypeDefs = /* GraphQL */ `
  "A person's contact details for notifications (their own; stream contact-<personId>)."
  type ContactDetails {
    "The person's id (their personal id, ՀԾՀ)."
    id: ID!
    revision: Int!
    "Where notifications are mailed; null: they are not mailed."
    email: String
    "A phone number in international form (+374…), or null."
    phone: String
    "The language of their messages: hy or en."
    language: String!
    "Business time of the last change."
    updatedAt: String!
  }
`;

const messagesQueryTypeDefs = /* GraphQL */ `
  "A message to a resident about one event of their case (one per event), as shown on the account page and mailed when they gave an email."
  type ResidentMessage {
    "The id of the event the message is about."
    id: ID!
    "application-registered, information-requested, application-approved, application-rejected, inquiry-answered, permit-issued, certificate-issued, fee-assessed or complaint-answered."
    kind: String!
    "application, fee or complaint."
    caseKind: String!
    caseId: ID!
    communityId: ID!
    "Business time of the event."
    occurredAt: String!
    "Global position of the event (decimal digits)."
    position: String!
    "The language the subject and text are in: hy or en."
    language: String!
    subject: String!
    text: String!
  }

  type ResidentMessageConnection {
    nodes: [ResidentMessage!]!
    totalCount: Int!
    pageInfo: PageInfo!
  }

  extend type Query {
    "The caller's own contact details; null until they gave any. Residents."
    myContactDetails: ContactDetails
    "The caller's own messages, newest first; in lang (hy or en), else the language of their contact details, else Armenian. Residents."
    myMessages(lang: String, first: Int, after: String): ResidentMessageConnection!
  }
`;

const LANGS = new Set(['hy', 'en']);

/** The resident asking for their own things (the read policy's own-cases rule: residents; anonymous callers are asked to sign in). */
const selfOf = (caller: Caller): Actor => {
  authorizeRead(caller, { kind: 'own-cases' });
  return caller.actor as Actor;
};

export const messagesModule = (outbox: OutboxQueries): GraphqlModule => ({
  typeDefs: messagesQueryTypeDefs,
  resolvers: {
    Query: {
      myContactDetails: async (_: unknown, _args: unknown, ctx: RequestContext) => {
        const doc = await outbox.contactDetailsOf(selfOf(ctx.caller).id);
        return doc && { id: doc.id, revision: 0, email: doc.email, phone: doc.phone, language: doc.language, updatedAt: doc.updatedAt };
      },
      myMessages: (_: unknown, a: { lang?: string | null; first?: number | null; after?: string | null }, ctx: RequestContext) => {
        const person = selfOf(ctx.caller);
        if (a.lang !== undefined && a.lang !== null && !LANGS.has(a.lang)) throw new ValidationFailed('lang must be hy or en', ['lang']);
        return outbox.messagesOf(person.id, { first: pageSize(a.first), after: cursorArg(a.after) }, (a.lang as 'hy' | 'en' | null | undefined) ?? null);
      },
    },
  } as never,
});
