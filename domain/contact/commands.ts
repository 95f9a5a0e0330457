/**
 * Commands of a person's contact details: one stream per person (`contact-<personId>`) holding the email
 * address and phone number they gave for notifications, and the language they read them in. The person
 * is the caller: a resident's own details, never someone else's.
 */
import type { DomainCommand } from '../kernel/decider';

/** The languages messages are written in. */
export const MESSAGE_LANGUAGES = ['hy', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** The longest email address (RFC 5321: 254 characters in a path). */
export const MAX_EMAIL = 254;

/**
 * An email address as mail relays take it: a local part and a domain with a dot, no spaces, no angle
 * brackets, no commas or semicolons (which would add recipients to a header).
 */
export const EMAIL_PATTERN = /^[^\s@<>(),;:"\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A phone number in international form: `+`, the country code and 7 to 14 more digits (Armenia: +374 and 8 digits). */
export const PHONE_PATTERN = /^\+[1-9]\d{7,14}$/;

export type UpdateContactDetails = DomainCommand<
  'UpdateContactDetails',
  {
    readonly personId: string;
    /** null: no email (notifications are not mailed). */
    readonly email: string | null;
    readonly phone: string | null;
    readonly language: MessageLanguage;
  }
>;

export type ContactCommand = UpdateContactDetails;
