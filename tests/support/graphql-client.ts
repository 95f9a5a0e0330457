/** A real graphql-ws client (graphql-transport-ws subprotocol) for end-to-end tests. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export const wsClient = (httpUrl: string, token?: string): Client =>
  createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
