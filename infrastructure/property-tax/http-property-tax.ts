/**
 * HTTP adapter for the property tax management system (ԳՀԿՀ).
 *
 *   GET {baseUrl}/residents/{residentId}/liabilities?communityId=…&asOf=YYYY-MM-DD
 *   Authorization: Bearer {token}            (PROPERTY_TAX_TOKEN, when configured)
 *   200 → { residentId, totalDueAmd, items: [{ kind, description, period, dueAmd }], retrievedAt? }
 *
 * Every failure (unreachable, timeout, non-2xx answer, malformed body) becomes a
 * PropertyTaxUnavailable (UPSTREAM_UNAVAILABLE to callers) with a one-line reason; amounts must be
 * whole drams and add up. Requests go through undici with a connect timeout and a total deadline for
 * the whole call; a connection error (refused, reset, connect timeout, name lookup) is retried once,
 * since the request is a read and the system may just have restarted. Error answers are not retried.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { systemClock, type Clock } from '../../application/ids';
import { PropertyTaxUnavailable, type PropertyTaxItem, type PropertyTaxLiability, type PropertyTaxSystem } from '../../application/ports/property-tax';

export interface HttpPropertyTaxOptions {
  /** e.g. https://propertytax.example.am/api/v1 */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Milliseconds to wait for a TCP/TLS connection (default 2000). */
  readonly connectTimeoutMs?: number;
  /** Milliseconds for the whole call, a retry included (default 5000). */
  readonly timeoutMs?: number;
  /** Extra headers, e.g. an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly clock?: Clock;
}

/** The error codes (Node's and undici's) of a request that never reached the system: worth one retry. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' ? code : undefined;
};

const MAX_AMD = 1_000_000_000_000;
const isAmd = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMD;
const isText = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 1000;

export class HttpPropertyTaxSystem implements PropertyTaxSystem {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly dispatcher: Agent;
  private readonly headers: Record<string, string>;
  private readonly clock: Clock;

  constructor(options: HttpPropertyTaxOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new Error(`Property tax system base URL "${options.baseUrl}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Property tax system base URL must be http or https, not ${url.protocol}`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.connectTimeoutMs = Math.min(options.connectTimeoutMs ?? 2000, this.timeoutMs);
    this.dispatcher = new Agent({ connect: { timeout: this.connectTimeoutMs }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    this.headers = {
      accept: 'application/json',
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    };
    this.clock = options.clock ?? systemClock;
  }

  async liabilityOf(residentId: string, communityId: string, asOf: string): Promise<PropertyTaxLiability> {
    const url = `${this.baseUrl}/residents/${encodeURIComponent(residentId)}/liabilities?${new URLSearchParams({ communityId, asOf })}`;
    const deadline = AbortSignal.timeout(this.timeoutMs);
    let answer: Dispatcher.ResponseData;
    try {
      answer = await this.get(url, deadline);
    } catch (error) {
      if (!CONNECTION_ERRORS.has(errorCode(error) ?? '') || deadline.aborted) throw this.unavailable(error, deadline);
      try {
        answer = await this.get(url, deadline);
      } catch (again) {
        throw this.unavailable(again, deadline, ' (after one retry)');
      }
    }
    let text: string;
    try {
      if (answer.statusCode < 200 || answer.statusCode > 299) {
        await answer.body.dump();
        throw new PropertyTaxUnavailable(`The property tax system answered HTTP ${answer.statusCode} for resident ${residentId}`);
      }
      text = await answer.body.text();
    } catch (error) {
      throw this.unavailable(error, deadline);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new PropertyTaxUnavailable('The property tax system answered with something that is not JSON', error);
    }
    return this.parse(body, residentId, communityId, asOf);
  }

  /** Releases the adapter's connections (the server's shutdown, tests). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private get(url: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    return request(url, { method: 'GET', headers: this.headers, dispatcher: this.dispatcher, signal });
  }

  private unavailable(error: unknown, deadline: AbortSignal, retried = ''): PropertyTaxUnavailable {
    if (error instanceof PropertyTaxUnavailable) return error;
    const code = errorCode(error);
    if (deadline.aborted || TIMEOUTS.has(code ?? '')) {
      return new PropertyTaxUnavailable(`The property tax system did not answer within ${this.timeoutMs} ms${retried}`, error);
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new PropertyTaxUnavailable(`The property tax system could not be reached: no connection within ${this.connectTimeoutMs} ms${retried}`, error);
    }
    const detail = code ?? (error as { message?: unknown } | null)?.message ?? String(error);
    return new PropertyTaxUnavailable(`The property tax system could not be reached: ${String(detail)}${retried}`, error);
  }

  private parse(body: unknown, residentId: string, communityId: string, asOf: string): PropertyTaxLiability {
    const malformed = (why: string) => new PropertyTaxUnavailable(`The property tax system answered malformed data: ${why}`);
    if (typeof body !== 'object' || body === null) throw malformed('not an object');
    const b = body as Record<string, unknown>;
    if (b.residentId !== residentId) throw malformed(`it is about resident ${String(b.residentId)}, not ${residentId}`);
    if (!Array.isArray(b.items)) throw malformed('items is not a list');
    const items: PropertyTaxItem[] = b.items.map((raw, i) => {
      const it = raw as Record<string, unknown>;
      if (typeof it !== 'object' || it === null || !isText(it.kind) || !isText(it.description) || !isText(it.period) || !isAmd(it.dueAmd)) {
        throw malformed(`item ${i} needs kind, description, period and dueAmd in whole drams`);
      }
      return { kind: it.kind, description: it.description, period: it.period, dueAmd: it.dueAmd };
    });
    if (!isAmd(b.totalDueAmd)) throw malformed('totalDueAmd is not whole drams');
    if (items.reduce((s, it) => s + it.dueAmd, 0) !== b.totalDueAmd) throw malformed('totalDueAmd is not the sum of the items');
    const retrievedAt = typeof b.retrievedAt === 'string' && !Number.isNaN(Date.parse(b.retrievedAt)) ? new Date(b.retrievedAt).toISOString() : this.clock.now().toISOString();
    return { residentId, communityId, asOf, totalDueAmd: b.totalDueAmd, items, retrievedAt, source: this.baseUrl };
  }
}
