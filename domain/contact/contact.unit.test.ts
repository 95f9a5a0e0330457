/**
 * A person's contact details: the email, phone and language their notifications use. Each update
 * records all three as given; the same details again record nothing; bad addresses are refused.
 */
import { spec } from '../../tests/support/decider-spec';
import type { ContactCommand, MessageLanguage } from './commands';
import { contactDecider } from './decider';
import type { ContactEvent } from './events';
import { contactDetailsView } from './view';

const PERSON = '0800199001';
const NOW = '2026-12-01T08:00:00.000Z';
const update = (email: string | null, phone: string | null, language: MessageLanguage = 'hy'): ContactCommand => ({
  type: 'UpdateContactDetails',
  data: { personId: PERSON, email, phone, language },
  metadata: { now: NOW },
});
const updated = (email: string | null, phone: string | null, language: MessageLanguage = 'hy'): ContactEvent => ({
  type: 'ContactDetailsUpdated',
  data: { personId: PERSON, email, phone, language, at: NOW },
});

describe('contact details', () => {
  it('records the email, phone and language given', () => {
    spec(contactDecider).given().when(update('anna@example.am', '+37491234567', 'en')).then(updated('anna@example.am', '+37491234567', 'en'));
  });

  it('keeps the mailbox as written but lower-cases the domain, and drops the spaces people write in phone numbers', () => {
    spec(contactDecider).given().when(update('Anna.K@Mail.Example.AM', '+374 91 23-45-67')).then(updated('Anna.K@mail.example.am', '+37491234567'));
  });

  it('clears what is left out: no email means no mail', () => {
    spec(contactDecider).given(updated('anna@example.am', '+37491234567')).when(update(null, '+37491234567')).then(updated(null, '+37491234567'));
  });

  it('records nothing when the same details are given again', () => {
    spec(contactDecider).given(updated('anna@example.am', null, 'en')).when(update('anna@EXAMPLE.am', null, 'en')).thenNothing();
  });

  it('records a change of language alone', () => {
    spec(contactDecider).given(updated('anna@example.am', null, 'hy')).when(update('anna@example.am', null, 'en')).then(updated('anna@example.am', null, 'en'));
  });

  it.each([
    ['no at sign', 'anna.example.am'],
    ['no dot in the domain', 'anna@localhost'],
    ['a second recipient smuggled in', 'anna@example.am, eve@example.am'],
    ['angle brackets', '<anna@example.am>'],
    ['a space', 'an na@example.am'],
    ['a header injected', 'anna@example.am\r\nBcc: eve@example.am'],
  ])('refuses an email with %s', (_what, email) => {
    const result = spec(contactDecider).given().when(update(email, null));
    result.thenFails('VALIDATION_FAILED', 'INVALID_CONTACT_DETAILS');
    expect((result.result as unknown as { fields: string[] }).fields).toEqual(['email']);
  });

  it.each([['091234567'], ['+374'], ['+37491abc567'], ['+0374912345678']])('refuses the phone number %s (international form: + and the country code)', (phone) => {
    spec(contactDecider).given().when(update(null, phone)).thenFails('VALIDATION_FAILED', 'INVALID_CONTACT_DETAILS');
  });

  it('refuses a language other than hy or en', () => {
    spec(contactDecider)
      .given()
      .when(update('anna@example.am', null, 'ru' as MessageLanguage))
      .thenFails('VALIDATION_FAILED', 'INVALID_CONTACT_DETAILS');
  });

  it('is shown as the ContactDetails view; nothing before the first update', () => {
    expect(contactDetailsView(null)).toBeNull();
    const state = contactDecider.evolve(null, updated('anna@example.am', '+37491234567', 'en'));
    expect(contactDetailsView(state)).toEqual({ id: PERSON, email: 'anna@example.am', phone: '+37491234567', language: 'en', updatedAt: NOW });
  });
});
