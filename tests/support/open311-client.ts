/**
 * A small Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2),
 * not from Hamaynk's code: it builds requests from the documented parameters (form-encoded POST, query
 * strings on GET, the format as the path's extension) and reads the documented response shapes, in JSON
 * or in XML (`<services><service>`, `<service_requests><request>`, `<errors><error>`), so a test that
 * passes through it checks the server against the specification. Only for tests.
 */

export type Open311Format = 'json' | 'xml';

/** A service of GET services (the specification's fields). */
export interface Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: string;
  readonly keywords: string;
  readonly group: string;
}

/** A service request of GET requests (the specification's fields; absent ones are null). */
export interface ServiceRequest {
  readonly service_request_id: string;
  readonly status: string;
  readonly status_notes: string | null;
  readonly service_name: string | null;
  readonly service_code: string;
  readonly description: string | null;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string | null;
  readonly updated_datetime: string | null;
  readonly expected_datetime: string | null;
}

/** What POST requests answers. */
export interface CreatedRequest {
  readonly service_request_id: string | null;
  readonly token: string | null;
  readonly service_notice: string | null;
  readonly account_id: string | null;
}

/** An error answer: the HTTP status and the specification's `{code, description}` list. */
export class Open311ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ReadonlyArray<{ readonly code: number; readonly description: string }>,
  ) {
    super(`Open311 ${status}: ${errors.map((e) => `${e.code} ${e.description}`).join('; ')}`);
    this.name = 'Open311ApiError';
  }
}

/* ------------------------------------------------------------------ a minimal XML reader ------------------------------------------------------------------ */

interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? whole),
  );

/** Elements and their text; enough for the specification's documents (no attributes, CDATA or mixed content are used there). */
const parseXml = (xml: string): XmlElement => {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|([^<]+)/g;
  for (let m = token.exec(xml); m !== null; m = token.exec(xml)) {
    const [, closing, name, selfClosing, chars] = m;
    const top = stack[stack.length - 1];
    if (chars !== undefined) top.text += decode(chars);
    else if (name === undefined) continue;
    else if (closing) {
      if (top.name !== name) throw new Error(`Malformed XML: </${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error('Malformed XML: unclosed elements');
  const [documentElement] = root.children;
  if (!documentElement) throw new Error('Empty XML document');
  return documentElement;
};

/** The fields of a flat element (`<request><status>open</status>…`) as strings, empty elements as null. */
const fieldsOf = (element: XmlElement): Record<string, string | null> =>
  Object.fromEntries(element.children.map((c) => [c.name, c.children.length === 0 && c.text.trim() !== '' ? c.text : null]));

const childrenNamed = (element: XmlElement, name: string): XmlElement[] => {
  if (element.children.some((c) => c.name !== name)) throw new Error(`<${element.name}> holds elements other than <${name}>`);
  return element.children;
};

/* ------------------------------------------------------------------ the client ------------------------------------------------------------------ */

const nullable = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));

const asRequest = (r: Record<string, unknown>): ServiceRequest => ({
  service_request_id: String(r.service_request_id),
  status: String(r.status),
  status_notes: nullable(r.status_notes),
  service_name: nullable(r.service_name),
  service_code: String(r.service_code),
  description: nullable(r.description),
  agency_responsible: nullable(r.agency_responsible),
  service_notice: nullable(r.service_notice),
  requested_datetime: nullable(r.requested_datetime),
  updated_datetime: nullable(r.updated_datetime),
  expected_datetime: nullable(r.expected_datetime),
});

export class Open311Client {
  /** @param endpoint the endpoint's url from discovery, e.g. `http://host/open311/v2` */
  constructor(
    readonly endpoint: string,
    readonly options: { readonly jurisdictionId?: string; readonly apiKey?: string } = {},
  ) {}

  private async call(method: 'GET' | 'POST', resource: string, format: Open311Format, params: Record<string, string | undefined>): Promise<{ json?: unknown; xml?: XmlElement; contentType: string }> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.append(k, v);
    const url = `${this.endpoint}/${resource}.${format}`;
    const response =
      method === 'GET'
        ? await fetch(form.size ? `${url}?${form.toString()}` : url)
        : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const contentType = response.headers.get('content-type') ?? '';
    const body = await response.text();
    if (format === 'json') {
      const json: unknown = JSON.parse(body);
      if (!response.ok) throw new Open311ApiError(response.status, (json as Array<{ code: number; description: string }>).map((e) => ({ code: Number(e.code), description: String(e.description) })));
      return { json, contentType };
    }
    const xml = parseXml(body);
    if (!response.ok) {
      if (xml.name !== 'errors') throw new Error(`An error answer's root is <${xml.name}>, not <errors>`);
      throw new Open311ApiError(
        response.status,
        childrenNamed(xml, 'error').map((e) => {
          const f = fieldsOf(e);
          return { code: Number(f.code), description: f.description ?? '' };
        }),
      );
    }
    return { xml, contentType };
  }

  private withJurisdiction(params: Record<string, string | undefined>): Record<string, string | undefined> {
    return { jurisdiction_id: this.options.jurisdictionId, ...params };
  }

  /** GET discovery (JSON only here). */
  async discovery(): Promise<{ changeset: string; contact: string; key_service: string; endpoints: Array<{ specification: string; url: string; type: string; formats: string[] }> }> {
    const { json } = await this.call('GET', 'discovery', 'json', {});
    return json as never;
  }

  /** GET Service List. */
  async services(format: Open311Format = 'json', params: Record<string, string | undefined> = {}): Promise<Service[]> {
    const { json, xml } = await this.call('GET', 'services', format, this.withJurisdiction(params));
    const rows: Array<Record<string, unknown>> =
      format === 'json'
        ? (json as Array<Record<string, unknown>>)
        : (() => {
            if (xml!.name !== 'services') throw new Error(`Root <${xml!.name}>, not <services>`);
            return childrenNamed(xml!, 'service').map(fieldsOf);
          })();
    return rows.map((s) => ({
      service_code: String(s.service_code),
      service_name: String(s.service_name),
      description: String(s.description ?? ''),
      metadata: s.metadata === true || s.metadata === 'true',
      type: String(s.type),
      keywords: String(s.keywords ?? ''),
      group: String(s.group ?? ''),
    }));
  }

  /** GET Service Definition: its service_code and attribute count. */
  async serviceDefinition(serviceCode: string, format: Open311Format = 'json'): Promise<{ service_code: string; attributes: number }> {
    const { json, xml } = await this.call('GET', `services/${encodeURIComponent(serviceCode)}`, format, this.withJurisdiction({}));
    if (format === 'json') {
      const d = json as { service_code: string; attributes: unknown[] };
      return { service_code: d.service_code, attributes: d.attributes.length };
    }
    if (xml!.name !== 'service_definition') throw new Error(`Root <${xml!.name}>, not <service_definition>`);
    const code = xml!.children.find((c) => c.name === 'service_code')?.text ?? '';
    const attributes = xml!.children.find((c) => c.name === 'attributes')?.children.length ?? 0;
    return { service_code: code, attributes };
  }

  /** POST Service Request (form-encoded; the api_key of the options unless given). */
  async createRequest(params: Record<string, string | undefined>, format: Open311Format = 'json'): Promise<CreatedRequest[]> {
    const { json, xml } = await this.call('POST', 'requests', format, this.withJurisdiction({ api_key: this.options.apiKey, ...params }));
    const rows: Array<Record<string, unknown>> = format === 'json' ? (json as Array<Record<string, unknown>>) : childrenNamed(xml!, 'request').map(fieldsOf);
    if (format === 'xml' && xml!.name !== 'service_requests') throw new Error(`Root <${xml!.name}>, not <service_requests>`);
    return rows.map((r) => ({ service_request_id: nullable(r.service_request_id), token: nullable(r.token), service_notice: nullable(r.service_notice), account_id: nullable(r.account_id) }));
  }

  /** GET Service Requests (filters: service_request_id, service_code, start_date, end_date, status). */
  async requests(params: Record<string, string | undefined> = {}, format: Open311Format = 'json'): Promise<ServiceRequest[]> {
    const { json, xml } = await this.call('GET', 'requests', format, this.withJurisdiction({ api_key: this.options.apiKey, ...params }));
    return this.requestRows(json, xml, format);
  }

  /** GET Service Request (one id; the specification answers a list of one). */
  async request(id: string, format: Open311Format = 'json'): Promise<ServiceRequest[]> {
    const { json, xml } = await this.call('GET', `requests/${encodeURIComponent(id)}`, format, this.withJurisdiction({ api_key: this.options.apiKey }));
    return this.requestRows(json, xml, format);
  }

  private requestRows(json: unknown, xml: XmlElement | undefined, format: Open311Format): ServiceRequest[] {
    if (format === 'json') return (json as Array<Record<string, unknown>>).map(asRequest);
    if (xml!.name !== 'service_requests') throw new Error(`Root <${xml!.name}>, not <service_requests>`);
    return childrenNamed(xml!, 'request').map((e) => asRequest(fieldsOf(e)));
  }
}
