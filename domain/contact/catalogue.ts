import { eventCatalogue } from '../kernel/catalogue';
import type { ContactEvent } from './events';

/** Contact details' events, for the project's event catalogue. */
export const contactEventCatalogue = eventCatalogue<ContactEvent>()([
  {
    type: 'ContactDetailsUpdated',
    schemaVersion: 1,
    description:
      'A person gave, changed or removed the email address and phone number their notifications go to, and the language they read them in. Carries all of them: a null field was cleared. Messages about their cases are mailed only for events after an email was given.',
    fields: {
      personId: 'string — the person (their public service number; stream `contact-<personId>`)',
      email: 'string | null — the email address (domain in lower case), or null: not mailed',
      phone: 'string | null — the phone number in international form (+374…), or null',
      language: 'string — "hy" | "en": the language of their messages',
      at: 'date-time — business time of the change',
    },
  },
]);
