/** The part of autocannon 8's API the GraphQL rows use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Called with each response's status and body (autocannon reads bodies only when this is set), and the client's context. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    /** Adjusts the request before it is sent, with the client's context (kept across its requests). */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    timeout?: number;
    requests?: Request[];
    /** Requests per second over all connections (default: as fast as the server answers). */
    overallRate?: number;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    requests: { total: number; sent: number };
  }

  /** Resolves with the result; the instance emits 'response' (client, status, bytes, milliseconds as a float). */
  type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };

  function autocannon(options: Options): Instance;
  export = autocannon;
}
