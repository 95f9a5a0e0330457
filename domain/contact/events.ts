/** Events of a person's contact details. Each carries the whole of them, so the last event alone says what they are now. */
import type { DomainEvent } from '../kernel/decider';
import type { MessageLanguage } from './commands';

export type ContactDetailsUpdated = DomainEvent<
  'ContactDetailsUpdated',
  {
    readonly personId: string;
    readonly email: string | null;
    readonly phone: string | null;
    readonly language: MessageLanguage;
    readonly at: string;
  }
>;

export type ContactEvent = ContactDetailsUpdated;
