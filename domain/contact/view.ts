/** The `ContactDetails` view (docs/api.md): what a person gave for notifications. */
import type { MessageLanguage } from './commands';
import type { ContactState } from './state';

export interface ContactDetailsView {
  /** The person's id (the stream is `contact-<id>`). */
  readonly id: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: MessageLanguage;
  readonly updatedAt: string;
}

export const contactDetailsView = (state: ContactState): ContactDetailsView | null =>
  state === null ? null : { id: state.personId, email: state.email, phone: state.phone, language: state.language, updatedAt: state.updatedAt };
