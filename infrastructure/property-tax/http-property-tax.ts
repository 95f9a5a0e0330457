/**
 * HTTP adapter for the property tax management system (ԳՀԿՀ).
 *
 *   GET {baseUrl}/residents/{residentId}/liabilities?communityId=…&asOf=YYYY-MM-DD
 *   200 → { residentId, totalDueAmd, items: [{ kind, description, period, dueAmd }], retrievedAt? }
 *
 * Every failure (unreachable, timeout, non-2xx answer, malformed body) becomes a
 * PropertyTaxUnavailable with a one-line reason; amounts must be whole drams and add up.
 */
import { systemClock, type Clock } from '../../application/ids';
import { PropertyTaxUnavailable, type PropertyTaxItem, type PropertyTaxLiability, type PropertyTaxSystem } from '../../application/ports/property-tax';

export interface HttpPropertyTaxOptions {
  /** e.g. https://propertytax.example.am/api/v1 */
  readonly baseUrl: string;
  /** Milliseconds to wait for the whole answer (default 5000). */
  readonly timeoutMs?: number;
  /** Extra headers, e.g. an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
}

const MAX_AMD = 1_000_000_000_000;
const isAmd = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMD;
const isText = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 1000;

export class HttpPropertyTaxSystem implements PropertyTaxSystem {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly clock: Clock;

  constructor(private readonly options: HttpPropertyTaxOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new Error(`Property tax system base URL "${options.baseUrl}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Property tax system base URL must be http or https, not ${url.protocol}`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? fetch;
    this.clock = options.clock ?? systemClock;
  }

  async liabilityOf(residentId: string, communityId: string, asOf: string): Promise<PropertyTaxLiability> {
    const url = `${this.baseUrl}/residents/${encodeURIComponent(residentId)}/liabilities?${new URLSearchParams({ communityId, asOf })}`;
    let text: string;
    try {
      const response = await this.fetchFn(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...this.options.headers },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        throw new PropertyTaxUnavailable(`The property tax system answered HTTP ${response.status} for resident ${residentId}`);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof PropertyTaxUnavailable) throw error;
      // fetch's errors may come from another realm, so look at their names rather than their classes.
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PropertyTaxUnavailable(`The property tax system did not answer within ${this.timeoutMs} ms`, error);
      }
      const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
      const detail = cause?.code ?? cause?.message ?? (error as { message?: unknown } | null)?.message ?? String(error);
      throw new PropertyTaxUnavailable(`The property tax system could not be reached: ${String(detail)}`, error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new PropertyTaxUnavailable('The property tax system answered with something that is not JSON', error);
    }
    return this.parse(body, residentId, communityId, asOf);
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
