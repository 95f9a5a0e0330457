import { eventCatalogue } from '../kernel/catalogue';
import type { Open311ClientEvent } from './decider';
/** The Open311 client events, for the project's event catalogue. */
export const open311ClientEventCatalogue = eventCatalogue<Open311ClientEvent>()([
  {
    type: 'Open311ClientRegistered',
    schemaVersion: 1,
    description: 'The ministry registered an application that files complaints through the Open311 GeoReport v2 endpoint; its API key was shown once.',
    fields: {
      clientId: 'string — the client id (stream `open311client-<clientId>`; the part of the API key before the dot)',
      name: 'string — the application’s name',
      keyHash: 'string — hex SHA-256 of the API key’s secret part (the key itself is never recorded)',
      registeredAt: 'date-time — business time of the registration',
    },
  },
]);
