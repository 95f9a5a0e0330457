/**
 * The mail relay over SMTP (nodemailer's SMTP transport, pooled), from SMTP_URL (`smtp://host:port`,
 * `smtps://user:pass@host:465`). Each failure is sorted by what it means for the message (ports/mail.ts):
 * - the relay answered with a code: 4xx → retry, 5xx → failed (it did not take the message either way);
 * - no connection was made, or it broke before the message was handed over (nodemailer's CONN/API phase,
 *   connection refused, DNS) → retry, and the relay counts as down;
 * - anything else (the connection broke or timed out while the message was being handed over, no answer)
 *   → uncertain: it may have been delivered, so it is not sent again.
 */
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { MailSendError, type MailTransport, type OutgoingMail } from '../../application/ports/mail';

export interface SmtpTransportOptions {
  readonly url: string;
  /** The From header, e.g. `Hamaynk <no-reply@hamaynk.am>`. */
  readonly from: string;
  /** Connections kept open to the relay; default 4. */
  readonly maxConnections?: number;
  /** Connect and greeting timeout; default 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Idle socket timeout during a transaction; default 30 s. */
  readonly socketTimeoutMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
}

/** Before the message's content was handed over: nothing can have been delivered. */
const BEFORE_HANDOVER = new Set(['CONN', 'API', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'MAIL FROM', 'RCPT TO']);
const UNREACHABLE = new Set(['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'ETIMEDOUT', 'ESOCKET', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET']);

export const classifySmtpError = (error: SmtpError): MailSendError => {
  const text = `${error.code ?? 'ERROR'}${error.command ? ` (${error.command})` : ''}: ${error.message}`;
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) {
    return new MailSendError(text, error.responseCode >= 500 ? 'failed' : 'retry', error.command === 'CONN' || error.command === 'EHLO' || error.command === 'HELO');
  }
  if (error.command !== undefined && BEFORE_HANDOVER.has(error.command)) return new MailSendError(text, 'retry', UNREACHABLE.has(error.code ?? '') || error.command === 'CONN');
  return new MailSendError(text, 'uncertain');
};

export const createSmtpTransport = (options: SmtpTransportOptions): MailTransport => {
  const url = new URL(options.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must be smtp:// or smtps://, not ${url.protocol}`);
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: options.maxConnections ?? 4,
    maxMessages: Infinity,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    // A relay on this host (development, tests) speaks plain SMTP; elsewhere STARTTLS when offered.
    ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
  } satisfies SMTPPool.Options);
  return {
    async send(mail: OutgoingMail) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
          textEncoding: 'base64',
        });
      } catch (error) {
        throw classifySmtpError(error as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
};
