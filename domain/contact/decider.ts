/**
 * A person's contact details (stream `contact-<personId>`).
 *
 * - UpdateContactDetails records the email, phone and language given, as a whole: a field left out is
 *   cleared (null), so what the person sees on their account page is exactly what is kept.
 * - The same details again record nothing, so a resubmitted form is harmless.
 * - The email is lower-cased in its domain only (the local part is the mailbox's to interpret); both
 *   are checked here too, whoever sends the command.
 */
import type { Decider } from '../kernel/decider';
import { domainValidation, type DomainError } from '../kernel/errors';
import { EMAIL_PATTERN, MAX_EMAIL, MESSAGE_LANGUAGES, PHONE_PATTERN, type ContactCommand } from './commands';
import type { ContactEvent } from './events';
import type { ContactState } from './state';

type Decision = ContactEvent[] | DomainError;

/** The address with its domain in lower case. */
export const normalizeEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
};

/** A phone number without the spaces, dashes and brackets people write in it. */
export const normalizePhone = (phone: string): string => phone.replace(/[\s\-().]/g, '');

export const isEmail = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_EMAIL && EMAIL_PATTERN.test(value);
export const isPhone = (value: unknown): value is string => typeof value === 'string' && PHONE_PATTERN.test(normalizePhone(value));

export const decide = (command: ContactCommand, state: ContactState): Decision => {
  const d = command.data;
  const bad = Object.entries({
    personId: typeof d.personId === 'string' && d.personId.length > 0,
    email: d.email === null || isEmail(d.email),
    phone: d.phone === null || isPhone(d.phone),
    language: (MESSAGE_LANGUAGES as readonly string[]).includes(d.language),
  })
    .filter(([, ok]) => !ok)
    .map(([field]) => field);
  if (bad.length) return domainValidation('INVALID_CONTACT_DETAILS', `Invalid contact details: ${bad.join(', ')}`, bad);
  const email = d.email === null ? null : normalizeEmail(d.email);
  const phone = d.phone === null ? null : normalizePhone(d.phone);
  if (state !== null && state.email === email && state.phone === phone && state.language === d.language) return [];
  return [{ type: 'ContactDetailsUpdated', data: { personId: d.personId, email, phone, language: d.language, at: command.metadata.now } }];
};

export const evolve = (_state: ContactState, event: ContactEvent): ContactState => {
  const { personId, email, phone, language, at } = event.data;
  return { personId, email, phone, language, updatedAt: at };
};

export const initialState = (): ContactState => null;

/** The stream category of contact details: `contact-<personId>`. */
export const contactDecider: Decider<ContactCommand, ContactEvent, ContactState> = {
  name: 'contact',
  decide,
  evolve,
  initialState,
};
