/**
 * An outside system that fails reaches GraphQL clients as UPSTREAM_UNAVAILABLE, never INTERNAL, and
 * records nothing: the real server (`hamaynk serve`) with PROPERTY_TAX_URL pointing at a real local HTTP
 * server that answers, answers 500, drops connections, or is gone.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, mintTokens, type View } from './support/api';

const CODE = 'TV-UPS';
const TOKEN = 'property-tax-token-for-tests';

type Mode = 'answer' | 'error-500' | 'drop-connection';

describe('an unavailable property tax system (PROPERTY_TAX_URL)', () => {
  let taxSystem: http.Server;
  let mode: Mode = 'answer';
  let requests: Array<{ url: string; authorization: string | undefined }> = [];
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'ministry' | 'staff' | 'resident', string>;

  beforeAll(async () => {
    taxSystem = http.createServer((req, res) => {
      requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
      if (mode === 'drop-connection') return void req.socket.destroy();
      if (mode === 'error-500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('database down');
      const residentId = decodeURIComponent(/\/residents\/([^/]+)\/liabilities/.exec(req.url ?? '')?.[1] ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ residentId, totalDueAmd: 12_000, items: [{ kind: 'real-estate', description: 'Բնակարան, Գորիս', period: '2026', dueAmd: 12_000 }] }));
    });
    await new Promise<void>((resolve) => taxSystem.listen(0, '127.0.0.1', resolve));
    const taxUrl = `http://127.0.0.1:${(taxSystem.address() as AddressInfo).port}/api/v1`;
    server = await startServer({ PROPERTY_TAX_URL: taxUrl, PROPERTY_TAX_TOKEN: TOKEN });
    api = apiClient(server);
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry', sub: 'minister-1' },
      staff: { role: 'staff', sub: 'clerk-1', community: CODE },
      resident: { role: 'resident', sub: 'res-anahit', acr: 'eid' },
    });
    await api.must('registerCommunity', { input: { code: CODE, nameHy: 'Գորիս', nameEn: 'Goris', province: 'Syunik', kind: 'urban', population: 20_000 }, source: 'synthetic' }, t.ministry);
    await api.must(
      'offerService',
      { communityId: CODE, input: { code: 'tax-liability-certificate', nameHy: 'Գույքահարկի պարտավորության տեղեկանք', nameEn: 'Tax liability certificate', feeAmd: 0, deadlineDays: 5, issues: 'certificate' } },
      t.ministry,
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    taxSystem.closeAllConnections();
    if (taxSystem.listening) await new Promise<void>((resolve) => taxSystem.close(() => resolve()));
  });

  /** A tax-liability certificate application, approved and waiting for its certificate. */
  const approvedCase = async (): Promise<View> => {
    const submitted = await api.must(
      'submitApplication',
      { input: { communityId: CODE, serviceCode: 'tax-liability-certificate', subject: 'Գույքահարկի տեղեկանք', details: 'Բանկի համար', applicantName: 'Անահիտ Սարգսյան' } },
      t.resident,
    );
    await api.must('registerApplication', { id: submitted.id }, t.staff);
    await api.must('assignApplication', { id: submitted.id, assigneeId: 'clerk-1' }, t.staff);
    return api.must('approveApplication', { id: submitted.id, basis: 'Տեղական ինքնակառավարման մասին օրենք' }, t.staff);
  };

  it('asks the configured system with the configured bearer token, and records its answer on the certificate', async () => {
    const app = await approvedCase();
    mode = 'answer';
    requests = [];
    const issued = await api.must('issueCertificate', { id: app.id }, t.staff);
    expect(issued).toMatchObject({ status: 'completed', taxLiability: { residentId: 'res-anahit', totalDueAmd: 12_000, items: [{ description: 'Բնակարան, Գորիս' }] } });
    expect(requests).toEqual([{ url: expect.stringMatching(/^\/api\/v1\/residents\/res-anahit\/liabilities\?communityId=TV-UPS&asOf=\d{4}-\d{2}-\d{2}$/), authorization: `Bearer ${TOKEN}` }]);
  });

  it.each<[Mode, RegExp, number]>([
    ['error-500', /^The property tax system answered HTTP 500 for resident res-anahit$/, 1],
    ['drop-connection', /^The property tax system could not be reached: \S+ \(after one retry\)$/, 2],
  ])('%s: the mutation fails with UPSTREAM_UNAVAILABLE and a clear message, and appends nothing', async (failure, message, attempts) => {
    const app = await approvedCase();
    mode = failure;
    requests = [];
    const head = await api.head();
    const error = await api.refused('issueCertificate', { id: app.id }, t.staff);
    expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'property-tax' });
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(attempts);
    expect(await api.head()).toBe(head);
    // The case is untouched: once the system answers again, the same command succeeds.
    mode = 'answer';
    expect(await api.must('issueCertificate', { id: app.id }, t.staff)).toMatchObject({ revision: app.revision + 1, status: 'completed' });
  });

  it('a system that is gone (connection refused) fails the same way and appends nothing', async () => {
    const app = await approvedCase();
    taxSystem.closeAllConnections();
    await new Promise<void>((resolve) => taxSystem.close(() => resolve()));
    const head = await api.head();
    const error = await api.refused('issueCertificate', { id: app.id }, t.staff);
    expect(error).toEqual({ message: 'The property tax system could not be reached: ECONNREFUSED (after one retry)', extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'property-tax' }, locations: expect.anything(), path: ['issueCertificate'] });
    expect(await api.head()).toBe(head);
  });
});
