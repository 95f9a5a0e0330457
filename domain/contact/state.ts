/** A person's contact details; null until they first gave any. */
import type { MessageLanguage } from './commands';

export interface ContactDetails {
  readonly personId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: MessageLanguage;
  /** Business time of the last change. */
  readonly updatedAt: string;
}

export type ContactState = ContactDetails | null;
