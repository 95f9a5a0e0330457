/**
 * Registering an Open311 client (docs/open311.md): the ministry's command. The interface generates
 * the API key (`<clientId>.<secret>`) and passes only the secret's SHA-256, so the key never reaches
 * the log; the command is therefore not offered as a plain mutation (`registerOpen311Client(name!)`
 * is, answering with the key once).
 */
import { streamIdOf } from '../../domain/aggregates';
import { open311ClientDecider, open311ClientView, type Open311ClientCommand, type Open311ClientState } from '../../domain/open311-client';
import { aggregate, command } from '../commands/declare';
import { Id, Name, Text } from '../commands/fields';
import { hasRole } from '../commands/policy';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';

export const open311ClientStreamId = (clientId: string): string => streamIdOf(open311ClientDecider.name, clientId);

/**
 * The actor of a complaint an Open311 client files: an integration acting online. No bearer token or
 * session yields this pair (their integrations act through the staff channel), so only the Open311
 * endpoint, having checked the client's key, can file online complaints without a resident.
 */
export const open311Actor = (clientId: string): Actor => ({ id: open311ClientStreamId(clientId), role: 'integration', assurance: 'password', channel: 'online' });

export const isOpen311Actor = (actor: Actor): boolean => actor.role === 'integration' && actor.channel === 'online' && actor.id.startsWith(`${open311ClientDecider.name}-`);

class RegisterOpen311ClientInput {
  @Id() clientId!: string;
  @Name() name!: string;
  @Text(64) keyHash!: string;
}

const open311ClientCommand = command<Open311ClientState, Open311ClientCommand>();

export const open311ClientCommands = aggregate({
  decider: open311ClientDecider,
  graphqlType: 'Open311Client',
  view: (state: Open311ClientState) => open311ClientView(state),
  notFound: (id: string) => new NotFound(`No Open311 client with id ${id}`, 'OPEN311_CLIENT_NOT_FOUND'),
  commands: {
    registerOpen311Client: open311ClientCommand({
      public: false,
      input: RegisterOpen311ClientInput,
      target: ({ clientId }) => clientId,
      creates: true,
      policy: (actor) => hasRole(actor, ['ministry'], 'register an Open311 client'),
      command: (input) => ({ type: 'RegisterOpen311Client', data: { clientId: input.clientId, name: input.name, keyHash: input.keyHash } }),
    }),
  },
});
