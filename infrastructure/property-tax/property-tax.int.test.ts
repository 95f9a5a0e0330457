import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../application/ids';
import { UpstreamUnavailable } from '../../application/errors';
import { PropertyTaxUnavailable } from '../../application/ports/property-tax';
import { HttpPropertyTaxSystem } from './http-property-tax';
import { PropertyTaxSandbox } from './property-tax-sandbox';

describe('PropertyTaxSandbox', () => {
  const clock = fixedClock('2019-07-01T08:00:00Z');
  const sandbox = new PropertyTaxSandbox(clock);

  it('answers the same for the same resident, says it is the sandbox, and adds up', async () => {
    const a = await sandbox.liabilityOf('res-1', 'AM08001', '2019-07-01');
    expect(await sandbox.liabilityOf('res-1', 'AM08001', '2019-07-01')).toEqual(a);
    expect(a).toMatchObject({ residentId: 'res-1', communityId: 'AM08001', asOf: '2019-07-01', retrievedAt: '2019-07-01T08:00:00.000Z', source: 'sandbox' });
    expect(a.totalDueAmd).toBe(a.items.reduce((s, i) => s + i.dueAmd, 0));
    for (const item of a.items) {
      expect(Number.isSafeInteger(item.dueAmd) && item.dueAmd > 0).toBe(true);
      expect(['2019', '2018']).toContain(item.period);
      expect(item.description).toMatch(/sandbox/);
    }
  });

  it('gives different residents different (deterministic) liabilities, some owing nothing', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => sandbox.liabilityOf(`resident-${i}`, 'AM08001', '2019-07-01')));
    const totals = answers.map((a) => a.totalDueAmd);
    expect(new Set(totals).size).toBeGreaterThan(10);
    expect(totals.some((t) => t === 0)).toBe(true);
  });
});

describe('HttpPropertyTaxSystem', () => {
  let server: http.Server;
  let baseUrl: string;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  let lastUrl: string | undefined;
  let lastAuthorization: string | undefined;
  let requests: number;
  const clients: HttpPropertyTaxSystem[] = [];

  beforeEach(() => {
    requests = 0;
  });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests += 1;
      lastUrl = req.url;
      lastAuthorization = req.headers.authorization;
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json = (status: number, body: unknown) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const client = (timeoutMs = 2000, token?: string) => {
    const c = new HttpPropertyTaxSystem({ baseUrl, timeoutMs, token, clock: fixedClock('2019-07-01T08:00:00Z'), headers: { 'x-api-key': 'k' } });
    clients.push(c);
    return c;
  };
  const liability = { residentId: 'res-1', totalDueAmd: 15_000, items: [{ kind: 'real-estate', description: 'Բնակարան', period: '2019', dueAmd: 15_000 }] };

  it('asks for the resident’s liabilities and returns them with their source', async () => {
    handler = json(200, { residentId: 'res 1', totalDueAmd: 15_000, items: [{ kind: 'real-estate', description: 'Բնակարան', period: '2019', dueAmd: 15_000 }], retrievedAt: '2019-07-01T07:59:00Z' });
    const answer = await client().liabilityOf('res 1', 'AM08001', '2019-07-01');
    expect(lastUrl).toBe('/api/residents/res%201/liabilities?communityId=AM08001&asOf=2019-07-01');
    expect(answer).toEqual({
      residentId: 'res 1',
      communityId: 'AM08001',
      asOf: '2019-07-01',
      totalDueAmd: 15_000,
      items: [{ kind: 'real-estate', description: 'Բնակարան', period: '2019', dueAmd: 15_000 }],
      retrievedAt: '2019-07-01T07:59:00.000Z',
      source: baseUrl.replace(/\/$/, ''),
    });
  });

  it('sends the configured token as a bearer token, and no Authorization header without one', async () => {
    handler = json(200, liability);
    await client(2000, 'secret-token').liabilityOf('res-1', 'AM08001', '2019-07-01');
    expect(lastAuthorization).toBe('Bearer secret-token');
    await client().liabilityOf('res-1', 'AM08001', '2019-07-01');
    expect(lastAuthorization).toBeUndefined();
  });

  it('maps an error status to PropertyTaxUnavailable (UPSTREAM_UNAVAILABLE), asking once: an answer is not retried', async () => {
    handler = json(503, { error: 'maintenance' });
    const attempt = client().liabilityOf('res-1', 'AM08001', '2019-07-01');
    await expect(attempt).rejects.toBeInstanceOf(PropertyTaxUnavailable);
    await expect(attempt).rejects.toBeInstanceOf(UpstreamUnavailable);
    await expect(attempt).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'property-tax' });
    expect(requests).toBe(1);
    handler = json(500, 'Internal Server Error');
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/HTTP 500/);
    expect(requests).toBe(2);
  });

  it('maps a timeout to PropertyTaxUnavailable', async () => {
    handler = (_req, res) => setTimeout(() => json(200, {})(_req, res), 500);
    await expect(client(50).liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/did not answer within 50 ms/);
  });

  it('gives up on a system that accepts the request and never answers, within the total timeout', async () => {
    handler = () => undefined; // holds the request open until the test's server closes
    const started = Date.now();
    const attempt = client(300).liabilityOf('res-1', 'AM08001', '2019-07-01');
    await expect(attempt).rejects.toBeInstanceOf(PropertyTaxUnavailable);
    await expect(attempt).rejects.toThrow(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(requests).toBe(1);
    server.closeAllConnections();
  });

  it('retries once when the connection breaks before an answer, and then answers', async () => {
    handler = (req, res) => {
      if (requests === 1) req.socket.destroy();
      else json(200, liability)(req, res);
    };
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).resolves.toMatchObject({ residentId: 'res-1', totalDueAmd: 15_000 });
    expect(requests).toBe(2);
  });

  it('retries a broken connection only once, then reports the system unavailable', async () => {
    handler = (req) => req.socket.destroy();
    const attempt = client().liabilityOf('res-1', 'AM08001', '2019-07-01');
    await expect(attempt).rejects.toBeInstanceOf(PropertyTaxUnavailable);
    await expect(attempt).rejects.toThrow(/could not be reached: .+ \(after one retry\)/);
    expect(requests).toBe(2);
  });

  it('refuses malformed answers: not JSON, another resident, fractional drams, a wrong total', async () => {
    handler = json(200, 'not json');
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/not JSON/);
    handler = json(200, { residentId: 'res-2', totalDueAmd: 0, items: [] });
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/not res-1/);
    handler = json(200, { residentId: 'res-1', totalDueAmd: 10.5, items: [{ kind: 'vehicle', description: 'Car', period: '2019', dueAmd: 10.5 }] });
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/whole drams/);
    handler = json(200, { residentId: 'res-1', totalDueAmd: 11, items: [{ kind: 'vehicle', description: 'Car', period: '2019', dueAmd: 10 }] });
    await expect(client().liabilityOf('res-1', 'AM08001', '2019-07-01')).rejects.toThrow(/sum/);
  });

  it('maps an unreachable system to PropertyTaxUnavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = new HttpPropertyTaxSystem({ baseUrl: `http://127.0.0.1:${port}` });
    clients.push(refused);
    const attempt = refused.liabilityOf('res-1', 'AM08001', '2019-07-01');
    await expect(attempt).rejects.toBeInstanceOf(PropertyTaxUnavailable);
    await expect(attempt).rejects.toThrow('The property tax system could not be reached: ECONNREFUSED (after one retry)');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new HttpPropertyTaxSystem({ baseUrl: 'ftp://tax.example.am' })).toThrow(/http or https/);
    expect(() => new HttpPropertyTaxSystem({ baseUrl: 'not a url' })).toThrow(/not a URL/);
  });
});
