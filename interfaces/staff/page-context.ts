/**
 * What a section of the workspace registered from its own file (acts.ts, complaints.ts, dashboard.ts,
 * directory.ts…) needs of the page machinery index.ts builds: who the person is (or the answer for one
 * who may not be here), rendering a page in the layout, the error pages, reads that follow the person's
 * own writes, and today's date. Commands are still run only through the one command bus (`deps.commands`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { ChoiceItem } from './command-forms';
import type { PageOutcome } from './errors';
import type { Lang } from './i18n';
import type { StaffPagesDeps } from './deps';

export type PageQuery = Record<string, unknown>;

export interface StaffPageContext {
  readonly deps: StaffPagesDeps;
  readonly langOf: (request: FastifyRequest) => Lang;
  /** The workspace's person, or null once the reply says why not (to the sign-in; 403). */
  readonly personOf: (request: FastifyRequest, reply: FastifyReply, lang: Lang) => Promise<Actor | null>;
  /** A page in the layout; `section` marks the active navigation entry. */
  readonly render: (request: FastifyRequest, reply: FastifyReply, status: number, template: string, lang: Lang, actor: Actor | null, section: string, data: Record<string, unknown>) => Promise<unknown>;
  readonly message: (request: FastifyRequest, reply: FastifyReply, status: number, lang: Lang, actor: Actor | null, heading: string, paragraphs: string[]) => Promise<unknown>;
  readonly notFound: (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor | null) => Promise<unknown>;
  readonly failure: (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, outcome: PageOutcome, error: unknown) => Promise<unknown>;
  /** A POST without a valid CSRF token: 403, nothing recorded. */
  readonly csrfRefused: (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor) => Promise<unknown>;
  readonly verifyCsrf: (request: FastifyRequest) => Promise<boolean>;
  /** Waits until the read models reflect the person's own last write (reads follow writes). */
  readonly afterOwnWrites: (actor: Actor, projections?: readonly string[]) => Promise<void>;
  /** Records the position of the person's write, so the next page reads it. */
  readonly noteWrite: (request: FastifyRequest, actor: Actor, position: bigint | null) => Promise<void>;
  /** Today's Yerevan date. */
  readonly today: () => string;
}

/** A command that opens a case from `/staff/new/<command>`: its navigation section, what its form starts with, the choices it offers. */
export interface CreatingCommand {
  readonly section: string;
  readonly prefill: (query: PageQuery, deps: StaffPagesDeps, actor: Actor) => Promise<Record<string, string>>;
  readonly choices?: (deps: StaffPagesDeps, actor: Actor, lang: Lang) => Promise<Record<string, readonly ChoiceItem[]>>;
}

export interface NavigationEntry {
  readonly href: string;
  readonly text: string;
  readonly active: boolean;
}

/** The first value of a query parameter, trimmed and bounded ('' when absent). */
export const queryParam = (query: PageQuery, name: string, max = 200): string => {
  const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};
