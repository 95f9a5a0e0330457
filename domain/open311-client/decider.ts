/**
 * An Open311 client (stream `open311client-<clientId>`): an outside application the ministry let file
 * complaints through the Open311 GeoReport v2 endpoint (docs/open311.md). Only the SHA-256 of its API key
 * is recorded; the key itself is shown once, to the ministry official who registered the client.
 *
 * | command \ state        | not registered            | registered                   |
 * |------------------------|---------------------------|------------------------------|
 * | RegisterOpen311Client  | Open311ClientRegistered   | OPEN311_CLIENT_EXISTS        |
 */
import type { Decider, DomainCommand, DomainEvent } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';

export const MAX_OPEN311_CLIENT_NAME = 200;
/** A hex SHA-256 digest. */
export const KEY_HASH_PATTERN = /^[0-9a-f]{64}$/;

export type RegisterOpen311Client = DomainCommand<'RegisterOpen311Client', { readonly clientId: string; readonly name: string; readonly keyHash: string }>;
export type Open311ClientCommand = RegisterOpen311Client;

export type Open311ClientRegistered = DomainEvent<
  'Open311ClientRegistered',
  { readonly clientId: string; readonly name: string; readonly keyHash: string; readonly registeredAt: string }
>;
export type Open311ClientEvent = Open311ClientRegistered;

export interface Open311Client {
  readonly clientId: string;
  readonly name: string;
  readonly keyHash: string;
  readonly registeredAt: string;
}
export type Open311ClientState = Open311Client | null;

const decide = (command: Open311ClientCommand, state: Open311ClientState): Open311ClientEvent[] | DomainError => {
  if (state !== null) return invalidTransition('OPEN311_CLIENT_EXISTS', `Open311 client ${state.clientId} is already registered`);
  const d = command.data;
  const name = typeof d.name === 'string' ? d.name.trim() : '';
  const bad = [
    ...(typeof d.clientId === 'string' && d.clientId.trim() ? [] : ['clientId']),
    ...(name && [...name].length <= MAX_OPEN311_CLIENT_NAME ? [] : ['name']),
    ...(typeof d.keyHash === 'string' && KEY_HASH_PATTERN.test(d.keyHash) ? [] : ['keyHash']),
  ];
  if (bad.length) return domainValidation('INVALID_OPEN311_CLIENT', `Invalid Open311 client: ${bad.join(', ')}`, bad);
  return [{ type: 'Open311ClientRegistered', data: { clientId: d.clientId, name, keyHash: d.keyHash, registeredAt: command.metadata.now } }];
};

const evolve = (_state: Open311ClientState, event: Open311ClientEvent): Open311ClientState => ({ ...event.data });

export const open311ClientDecider: Decider<Open311ClientCommand, Open311ClientEvent, Open311ClientState> = {
  name: 'open311client',
  decide,
  evolve,
  initialState: () => null,
};

/** What the ministry sees of a client: never the key's hash. */
export interface Open311ClientView {
  readonly id: string;
  readonly name: string;
  readonly registeredAt: string;
}

export const open311ClientView = (state: Open311ClientState): Open311ClientView | null =>
  state === null ? null : { id: state.clientId, name: state.name, registeredAt: state.registeredAt };
