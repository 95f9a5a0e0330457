/**
 * The HTTP adapter of a real payment gateway against a local HTTP server standing in for it: the request it
 * sends (signed JSON) and each way the gateway can fail, which becomes UPSTREAM_UNAVAILABLE.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamUnavailable } from '../../application/errors';
import { HttpPaymentGateway } from './http-payment-gateway';

const SECRET = 'k7Qz1x9vLw3mN8pR2tY6uA0sD4fG5hJ7xx';
const PAYMENT = { feeId: 'fee-1', amountAmd: 5_000, description: 'construction-permit — AM08001', returnUrl: 'http://hamaynk.test/payments/return?feeId=fee-1', notifyUrl: 'http://hamaynk.test/payments/notify' };

describe('HTTP payment gateway adapter', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
  const seen: Array<{ method?: string; url?: string; signature?: string | string[]; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, signature: req.headers['hamaynk-signature'], body });
        answer(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (seen.length = 0));

  it('posts the signed payment to <url>/payments and answers the gateway’s paymentUrl', async () => {
    answer = (_req, _body, res) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ paymentUrl: 'https://pay.example.am/p/123' }));
    const gateway = new HttpPaymentGateway({ baseUrl, secret: SECRET });
    expect(await gateway.checkoutUrl(PAYMENT)).toBe('https://pay.example.am/p/123');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/payments' });
    expect(JSON.parse(seen[0].body)).toEqual(PAYMENT);
    expect(seen[0].signature).toBe(`sha256=${createHmac('sha256', SECRET).update(seen[0].body).digest('hex')}`);
    await gateway.close();
  });

  it.each([
    ['an error status', (_req: http.IncomingMessage, _b: string, res: http.ServerResponse) => res.writeHead(503).end('down')],
    ['no paymentUrl', (_req: http.IncomingMessage, _b: string, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')],
    ['a paymentUrl that is not http(s)', (_req: http.IncomingMessage, _b: string, res: http.ServerResponse) => res.writeHead(200).end(JSON.stringify({ paymentUrl: 'javascript:alert(1)' }))],
    ['a body that is not JSON', (_req: http.IncomingMessage, _b: string, res: http.ServerResponse) => res.writeHead(200).end('<html>')],
    ['no answer in time', () => undefined],
  ])('%s is UPSTREAM_UNAVAILABLE (payment-gateway)', async (_what, respond) => {
    answer = respond;
    const gateway = new HttpPaymentGateway({ baseUrl, secret: SECRET, timeoutMs: 300 });
    const error = await gateway.checkoutUrl(PAYMENT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailable);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'payment-gateway' });
    await gateway.close().catch(() => undefined);
  });
});
