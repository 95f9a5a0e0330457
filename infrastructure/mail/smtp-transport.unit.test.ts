/**
 * What a failed SMTP send means for the message, from nodemailer's errors: the relay's answer decides
 * (4xx retry, 5xx failed); no connection, or a break before the content was handed over, is a retry with
 * the relay counted as down; a break during the handover is uncertain (never sent again).
 */
import { backoffDelay, messageIdOf } from '../../application/notifications/mail-sender';
import { classifySmtpError } from './smtp-transport';

const error = (props: { code?: string; command?: string; responseCode?: number }, message = 'failed') => Object.assign(new Error(message), props);

describe('classifySmtpError', () => {
  it.each([
    ['connection refused', 'retry', true, { code: 'ESOCKET', command: 'CONN' }],
    ['a connection that never opened', 'retry', true, { code: 'ECONNECTION', command: 'CONN' }],
    ['a greeting timeout', 'retry', true, { code: 'ETIMEDOUT', command: 'CONN' }],
    ['a pooled connection closed before sending', 'retry', true, { code: 'ECONNECTION', command: 'API' }],
    ['a busy mailbox (452 at RCPT TO)', 'retry', false, { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452 }],
    ['a greylisting answer to the content (451)', 'retry', false, { code: 'EMESSAGE', command: 'DATA', responseCode: 451 }],
    ['an unknown mailbox (550)', 'failed', false, { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }],
    ['content refused for good (554)', 'failed', false, { code: 'EMESSAGE', command: 'DATA', responseCode: 554 }],
    ['a socket closed while the content was sent, no answer', 'uncertain', false, { code: 'ECONNECTION' }],
    ['a timeout waiting for the answer to the content', 'uncertain', false, { code: 'ETIMEDOUT', command: 'DATA' }],
  ] as const)('%s → %s', (_what, outcome, relayDown, props) => {
    const classified = classifySmtpError(error(props));
    expect(classified).toMatchObject({ code: 'MAIL_SEND_FAILED', outcome, relayDown });
    expect(classified).toBeInstanceOf(Error);
  });
});

describe('the sender’s back-off and Message-ID', () => {
  it('doubles from the base up to the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(backoffDelay(200, 1000, 600_000)).toBe(600_000);
  });

  it('derives the Message-ID from the event id and PUBLIC_URL’s host', () => {
    expect(messageIdOf('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'https://hamaynk.example.am:8443/x')).toBe('<0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@hamaynk.example.am>');
  });
});
