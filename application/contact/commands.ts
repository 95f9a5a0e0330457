/**
 * Contact details: `updateContactDetails(email, phone, language)` records the caller's own email
 * address, phone number and message language (stream `contact-<their id>`). Any signed-in person may
 * keep their own; no one may keep another's (the target is the caller, never an argument).
 */
import { streamIdOf } from '../../domain/aggregates';
import { contactDecider, contactDetailsView, MESSAGE_LANGUAGES, type ContactCommand, type ContactState, type MessageLanguage } from '../../domain/contact';
import { aggregate, command } from '../commands/declare';
import { Email, OneOf, Phone } from '../commands/fields';
import { allow, forbid, type Verdict } from '../commands/policy';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';

/** The stream of a person's contact details. */
export const contactStreamId = (personId: string): string => streamIdOf(contactDecider.name, personId);

class UpdateContactDetailsArgs {
  @Email({ optional: true, description: 'Where notifications are mailed; null or absent: none (cleared).' }) email?: string | null;
  @Phone({ optional: true, description: 'A phone number in international form, e.g. +37491234567; null or absent: none (cleared).' }) phone?: string | null;
  @OneOf(MESSAGE_LANGUAGES, { optional: true, description: '"hy" (default) or "en": the language of the messages.' }) language?: MessageLanguage | null;
}

/** A person keeps their own details; the system and integration consumers have none. */
const ownDetails = (actor: Actor): Verdict =>
  actor.role === 'system' || actor.role === 'integration' ? forbid(`A ${actor.role} has no contact details of its own`) : allow;

const contactCommand = command<ContactState, ContactCommand>();

export const contactCommands = aggregate({
  decider: contactDecider,
  graphqlType: 'ContactDetails',
  view: contactDetailsView,
  notFound: (id: string) => new NotFound(`Person ${id} has given no contact details`, 'CONTACT_DETAILS_NOT_FOUND'),
  commands: {
    updateContactDetails: contactCommand({
      description: 'Records the caller’s own email address, phone number and message language for notifications (all three as given: a field left out is cleared).',
      input: UpdateContactDetailsArgs,
      target: (_input, actor) => actor.id,
      creates: true,
      policy: (actor) => ownDetails(actor),
      command: (a, _state, _prepared, call) => ({
        type: 'UpdateContactDetails',
        data: { personId: call.id, email: a.email ?? null, phone: a.phone ?? null, language: a.language ?? 'hy' },
      }),
    }),
  },
});
