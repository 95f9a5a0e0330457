/**
 * A real SMTP server for tests (the `smtp-server` library) on 127.0.0.1: it keeps every message it
 * accepted, with its recipients, Message-ID, decoded Subject and Content-Language; `hang` makes it take a
 * message's content and never answer, as a relay that dies mid-transaction.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly to: string[];
  readonly messageId: string;
  readonly subject: string;
  readonly language: string;
  readonly raw: string;
}

/** A real SMTP server on 127.0.0.1 keeping every message it accepted. */
export class Relay {
  readonly received: Received[] = [];
  /** Takes each message's content and never answers (a relay that hangs mid-transaction). */
  hang = false;
  private server: SMTPServer | null = null;
  constructor(public port = 0) {}

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      // Stopping does not wait 30 s for a client still connected (the crashed sender's).
      closeTimeout: 200,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
          const subject = header('Subject');
          this.received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: header('Message-ID'),
            subject: /^=\?UTF-8\?/i.test(subject) ? decodeMimeWords(raw) : subject,
            language: header('Content-Language'),
            raw,
          });
          if (!this.hang) callback();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The Subject header's encoded words (RFC 2047, base64 or Q), folded lines joined. */
const decodeMimeWords = (raw: string): string => {
  const m = /^Subject: ((?:.*)(?:\r?\n[ \t].*)*)/im.exec(raw);
  const value = (m?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ');
  return value
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_w, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .trim();
};

