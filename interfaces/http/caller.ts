/**
 * The one place that turns a request into a Caller (`request.caller`, for every route, GraphQL included):
 * - an Authorization header: its bearer token, as before (a bad one makes every operation UNAUTHENTICATED);
 * - else a signed-in browser session: its person's Actor, asked of the PeopleDirectory at every request
 *   (never kept in the session), so an appointment or a dismissal takes effect at the next request;
 * - else anonymous.
 *
 * A session counts for POST /graphql only with a JSON body (a cross-site HTML form cannot send one without
 * the browser asking first), and for a WebSocket only from a page of the same origin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { PeopleDirectory } from '../../application/ports/people';
import type { TokenKeys } from '../../infrastructure/auth/jwt';
import { callerFromAuthorization, type Caller } from '../graphql/context';
import { signedInPerson } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling (interfaces/http/caller.ts). */
    caller: Caller;
  }
}

const ANONYMOUS: Caller = { actor: null, error: null };

/**
 * Until a staff directory is wired in, everyone signed in is a resident (as API.md says of a person with no
 * appointment), identified online with the assurance of their sign-in.
 */
export const everyoneIsAResident: PeopleDirectory = {
  actorOf: async (personalId, assurance): Promise<Actor> => ({ id: personalId, role: 'resident', assurance, channel: 'online' }),
  appointmentOf: async () => null,
};

/** Whether a session may authenticate this request (see the module comment). */
const sessionMayAuthenticate = (request: FastifyRequest): boolean => {
  if (request.headers.upgrade?.toLowerCase() === 'websocket') {
    const origin = request.headers.origin;
    if (!origin) return false;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
  if (request.method === 'POST' && request.url.split('?', 1)[0] === '/graphql') {
    const type = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
    return type === 'application/json';
  }
  return true;
};

export const callerOfRequest = async (request: FastifyRequest, deps: { tokenKeys: TokenKeys; people?: PeopleDirectory }): Promise<Caller> => {
  if (request.headers.authorization) return callerFromAuthorization(deps.tokenKeys, request.headers.authorization, deps.people);
  const person = signedInPerson(request);
  if (!person || !sessionMayAuthenticate(request)) return ANONYMOUS;
  const actor = await (deps.people ?? everyoneIsAResident).actorOf(person.personalId, person.assurance);
  return { actor, error: null, sessionId: person.sessionId };
};

/** Decorates `request.caller` for every route (after the session hooks, so register sessions first). */
export const addCallerHook = (app: FastifyInstance, deps: { tokenKeys: TokenKeys; people?: PeopleDirectory }): void => {
  app.decorateRequest('caller', null as unknown as Caller);
  app.addHook('onRequest', async (request) => {
    request.caller = await callerOfRequest(request, deps);
  });
};
