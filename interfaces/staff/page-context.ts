/**
 * What a page module of the workspace (national.ts, audit.ts…) is given by index.ts: the same rendering,
 * access, error and write-tracking helpers the inbox and case pages use, so every page has one layout, one
 * way of refusing, and one way of running a command.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { PageOutcome } from './errors';
import type { Lang } from './i18n';
import type { StaffPagesDeps } from './deps';

export interface StaffPageContext {
  readonly deps: StaffPagesDeps;
  langOf(request: FastifyRequest): Lang;
  /** The workspace's person, or null once the reply is sent (to the sign-in, or 403). */
  personOf(request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<Actor | null>;
  /** Renders `template` in the layout; `section` marks the navigation item. */
  render(request: FastifyRequest, reply: FastifyReply, status: number, template: string, lang: Lang, actor: Actor | null, section: string, data: Record<string, unknown>): Promise<unknown>;
  message(request: FastifyRequest, reply: FastifyReply, status: number, lang: Lang, actor: Actor | null, heading: string, paragraphs: string[]): Promise<unknown>;
  notFound(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor | null): Promise<unknown>;
  failure(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, outcome: PageOutcome, error: unknown): Promise<unknown>;
  /** Whether a POST carries what the sign-in's CSRF protection asks. */
  csrfPassed(request: FastifyRequest): boolean;
  csrfRefused(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor): Promise<unknown>;
  /** "Enter …" beside each required field left empty. */
  missingErrors(lang: Lang, commandName: string, missing: readonly string[]): Map<string, string>;
  /** A command's validation failure beside each field it names. */
  invalidErrors(lang: Lang, commandName: string, fields: ReadonlyMap<string, string>): Map<string, string>;
  /** Records the person's last write, so the next list waits for it. */
  noteWrite(request: FastifyRequest, actor: Actor, position: bigint | null): Promise<void>;
  today(): string;
  now(): Date;
}
