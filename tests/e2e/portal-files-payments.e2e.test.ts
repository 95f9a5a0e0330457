/**
 * The resident portal's files and payments on a real server process (docs/portal.md): a case's files are
 * downloaded by its applicant and by those who read the case, and 404 for everyone else; the payment
 * gateway's signed notification records a payment once, refuses a bad signature (401) and an amount above
 * the balance (409), each refusal leaving the log head where it was; and the whole sandbox flow over HTTP:
 * start → the sandbox gateway's page → pay → notification → back to Hamaynk with the fee paid.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { acceptUploads } from '../../application/files/uploads';
import { FilesystemFileStore } from '../../infrastructure/files/filesystem-file-store';
import { pdfFile, pngFile } from '../support/files';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, daysFromToday, gql, logHead, mintTokens, ok } from './support/api';

const CODE = 'AM-PAY';
const OTHER = 'AM-OTH';

type Who = 'ministry' | 'clerk' | 'otherClerk' | 'owner' | 'otherResident' | 'auditor';

/** A request that does not follow redirects, with the answer's headers. */
const send = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
};

const form = (fields: Record<string, string>): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The values of a form's named inputs, from its HTML (`id` of the form). */
const formFields = (page: string, formId: string): Record<string, string> => {
  const start = page.indexOf(`id="${formId}"`);
  const end = page.indexOf('</form>', start);
  const fields: Record<string, string> = {};
  for (const m of page.slice(start, end).matchAll(/<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g)) {
    fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  return fields;
};

describe('resident portal: files and payments (real server)', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<Who, string>;
  let secret: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry' },
      clerk: { role: 'staff', sub: 'clerk-pay', community: CODE },
      otherClerk: { role: 'staff', sub: 'clerk-oth', community: OTHER },
      owner: { role: 'resident', sub: 'res-owner', acr: 'eid' },
      otherResident: { role: 'resident', sub: 'res-other', acr: 'mid' },
      auditor: { role: 'auditor', sub: 'aud-1' },
    });
    for (const [code, nameEn] of [
      [CODE, 'Payville'],
      [OTHER, 'Otherville'],
    ]) {
      await api.must('registerCommunity', { input: { code, nameHy: 'Համայնք', nameEn, province: 'Shirak', kind: 'urban', population: 10_000 } }, t.ministry);
    }
    await api.must(
      'offerService',
      { communityId: CODE, input: { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' } },
      t.ministry,
    );
    // The server generated the gateway secret in its DATA_DIR (no PAYMENT_GATEWAY_SECRET given).
    secret = fs.readFileSync(path.join(server.dataDir, 'keys', 'payment-gateway-secret'), 'utf8').trim();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  describe('files', () => {
    let applicationId: string;
    let plan: { sha256: string; name: string; type: string; size: number };
    let unattached: { sha256: string };

    beforeAll(async () => {
      // Stored as the portal's upload would store them, in the server's own DATA_DIR/files.
      const store = new FilesystemFileStore(path.join(server.dataDir, 'files'));
      [plan] = await acceptUploads([{ name: 'հատակագիծ.png', content: pngFile() }], store);
      [unattached] = await acceptUploads([{ name: 'other.pdf', content: pdfFile() }], store);
      const submission = { communityId: CODE, serviceCode: 'construction-permit', subject: 'Ավտոտնակ', details: 'Կցված է հատակագիծը', applicantName: 'Անի Սարգսյան', attachments: [plan] };
      applicationId = (await api.must('submitApplication', { input: submission }, t.owner)).id as string;
    });

    const download = (token: string | null, sha256 = plan.sha256, id = applicationId) => send(`${server.url}/files/application/${id}/${sha256}`, { headers: token ? bearer(token) : {} });

    it('the applicant downloads their file: the same bytes, its type, its Armenian name', async () => {
      const res = await download(t.owner);
      expect(res.status).toBe(200);
      expect(res.bytes).toEqual(pngFile());
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="_________.png"; filename*=UTF-8''${encodeURIComponent('հատակագիծ.png')}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    });

    it('staff of the community and an auditor download it too', async () => {
      expect((await download(t.clerk)).status).toBe(200);
      expect((await download(t.auditor)).status).toBe(200);
    });

    it.each([
      ['staff of another community', 'otherClerk'],
      ['another resident', 'otherResident'],
    ] as const)('%s gets 404, as for a file that does not exist', async (_who, who) => {
      const res = await download(t[who]);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toEqual({ error: 'No such file', code: 'FILE_NOT_FOUND' });
    });

    it('404 without a token, for a stored file the case does not name, and for an unknown case', async () => {
      expect((await download(null)).status).toBe(404);
      expect((await download(t.owner, unattached.sha256)).status).toBe(404);
      expect((await download(t.clerk, plan.sha256, '018f0000-0000-7000-8000-000000000000')).status).toBe(404);
    });

    it('a submission naming a file the store does not hold is refused and appends nothing', async () => {
      const before = await logHead(server);
      const missing = { ...plan, sha256: 'f'.repeat(64) };
      const error = await api.refused(
        'submitApplication',
        { input: { communityId: CODE, serviceCode: 'construction-permit', subject: 'Ավտոտնակ', details: 'x', applicantName: 'Անի', attachments: [missing] } },
        t.owner,
      );
      expect(error.extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'ATTACHMENT_NOT_STORED', fields: ['input.attachments.0.sha256'] });
      expect(await logHead(server)).toBe(before);
    });
  });

  describe('payments', () => {
    const assessFee = async (amountAmd: number): Promise<string> =>
      (
        await api.must(
          'assessFee',
          { input: { communityId: CODE, payerId: 'res-owner', payerName: 'Անի Սարգսյան', code: 'construction-permit', amountAmd, dueOn: daysFromToday(30), basis: 'Որոշում N 12' } },
          t.clerk,
        )
      ).id as string;

    const notify = (body: string, signature: string | null) =>
      send(`${server.url}/payments/notify`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'hamaynk-signature': signature } : {}) }, body });
    const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

    it('records a signed notification once, with the transaction id as reference, by the gateway online for the payer', async () => {
      const feeId = await assessFee(5_000);
      const body = JSON.stringify({ transactionId: 'tx-0001', feeId, amountAmd: 2_000, paidAt: '2026-03-02T10:00:00Z' });
      const first = await notify(body, sign(body));
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text)).toEqual({ status: 'recorded', feeId, transactionId: 'tx-0001', feeStatus: 'partially-paid', balanceAmd: 3_000 });
      const head = await logHead(server);
      const again = await notify(body, sign(body));
      expect(again.status).toBe(200);
      expect(JSON.parse(again.text)).toMatchObject({ status: 'already-recorded', balanceAmd: 3_000 });
      expect(await logHead(server)).toBe(head);

      const history = ok(await gql<Record<string, Array<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>>>(server, 'query($s: String!) { history(streamId: $s) { type data metadata } }', { s: `fee-${feeId}` }, t.auditor), 'history');
      const payments = history.filter((e) => e.type === 'FeePaymentRecorded');
      expect(payments).toHaveLength(1);
      expect(payments[0].data).toMatchObject({ amountAmd: 2_000, reference: 'tx-0001', paidAt: '2026-03-02T10:00:00Z' });
      expect(payments[0].metadata.actor).toEqual({ id: 'payment-gateway', role: 'system', assurance: 'system', channel: 'online', onBehalfOf: 'res-owner' });
    });

    it('a bad or missing signature is 401 and records nothing', async () => {
      const feeId = await assessFee(1_000);
      const body = JSON.stringify({ transactionId: 'tx-forged', feeId, amountAmd: 1_000, paidAt: '2026-03-02T10:00:00Z' });
      const head = await logHead(server);
      for (const signature of [null, sign(body, 'not-the-secret'), sign(`${body} `), 'sha256=', sign(body).toUpperCase()]) {
        const res = await notify(body, signature);
        expect(res.status).toBe(401);
        expect(JSON.parse(res.text)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGNATURE_INVALID' });
      }
      // The signature is checked on the raw bytes: the same JSON with other spacing is not what was signed.
      expect((await notify(JSON.stringify(JSON.parse(body), null, 2), sign(body))).status).toBe(401);
      expect(await logHead(server)).toBe(head);
    });

    it('an amount above the balance is refused with 409 and its reason, and records nothing; bad bodies 400, an unknown fee 404', async () => {
      const feeId = await assessFee(1_000);
      const head = await logHead(server);
      const over = JSON.stringify({ transactionId: 'tx-over', feeId, amountAmd: 1_001, paidAt: '2026-03-02T10:00:00Z' });
      const res = await notify(over, sign(over));
      expect(res.status).toBe(409);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'PAYMENT_EXCEEDS_BALANCE' });
      const notJson = 'transactionId=1';
      expect((await notify(notJson, sign(notJson))).status).toBe(400);
      const fractional = JSON.stringify({ transactionId: 'tx-frac', feeId, amountAmd: 10.5, paidAt: '2026-03-02T10:00:00Z' });
      expect(JSON.parse((await notify(fractional, sign(fractional))).text)).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['amountAmd'] });
      const unknown = JSON.stringify({ transactionId: 'tx-unknown', feeId: '018f0000-0000-7000-8000-000000000000', amountAmd: 1, paidAt: '2026-03-02T10:00:00Z' });
      expect((await notify(unknown, sign(unknown))).status).toBe(404);
      expect(await logHead(server)).toBe(head);
    });

    it('the sandbox flow: start → the gateway page → pay → notification → back with the fee paid', async () => {
      const feeId = await assessFee(5_000);
      // Only the payer may start paying; anyone else is told there is no such fee.
      expect((await send(`${server.url}/payments/start`, { method: 'POST', ...form({ feeId }), headers: { ...form({ feeId }).headers, ...bearer(t.otherResident) } })).status).toBe(404);
      const start = await send(`${server.url}/payments/start`, { method: 'POST', body: form({ feeId }).body, headers: { ...form({ feeId }).headers, ...bearer(t.owner) } });
      expect(start.status).toBe(303);
      const gatewayUrl = start.headers.get('location')!;
      expect(gatewayUrl.startsWith(`${server.url}/sandbox-pay?`)).toBe(true);

      const page = await send(gatewayUrl);
      expect(page.status).toBe(200);
      expect(page.text).toContain('This is a sandbox: no real money moves.');
      expect(page.text).toContain('Սա փորձարկման միջավայր է (sandbox)');
      expect(page.text).toMatch(/<html lang="hy">/);
      expect(page.text).toContain('5,000 ֏');
      expect(page.text).toMatch(/<label for="payAmd">/);
      const pay = formFields(page.text, 'sandbox-pay');
      expect(pay).toMatchObject({ feeId, amountAmd: '5000', payAmd: '5000' });
      const english = await send(`${gatewayUrl}&lang=en`);
      expect(english.text).toMatch(/<button type="submit">Pay<\/button>[\s\S]*<button type="submit">Cancel<\/button>/);

      // Too much: the municipality refuses, the sandbox shows why, nothing is recorded.
      const head = await logHead(server);
      const tooMuch = await send(`${server.url}/sandbox-pay/pay`, { method: 'POST', ...form({ ...pay, payAmd: '6000' }) });
      expect(tooMuch.status).toBe(200);
      expect(tooMuch.text).toMatch(/id="sandbox-refusal-status">409</);
      expect(tooMuch.text).toMatch(/id="sandbox-refusal-reason">PAYMENT_EXCEEDS_BALANCE</);
      expect(await logHead(server)).toBe(head);

      // A checkout Hamaynk did not sign is not taken.
      expect((await send(`${server.url}/sandbox-pay/pay`, { method: 'POST', ...form({ ...pay, amountAmd: '1', checkout: 'f'.repeat(64) }) })).status).toBe(400);

      // Cancel: back to Hamaynk, nothing recorded.
      const cancel = await send(`${server.url}/sandbox-pay/cancel`, { method: 'POST', ...form(formFields(page.text, 'sandbox-cancel')) });
      expect(cancel.status).toBe(303);
      expect(new URL(cancel.headers.get('location')!).searchParams.get('result')).toBe('cancelled');
      expect(await logHead(server)).toBe(head);

      const paid = await send(`${server.url}/sandbox-pay/pay`, { method: 'POST', ...form(pay) });
      expect(paid.status).toBe(303);
      const back = new URL(paid.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(`${server.url}/payments/return`);
      expect(back.searchParams.get('result')).toBe('paid');
      expect(back.searchParams.get('transactionId')).toMatch(/^sandbox-/);

      const result = await send(back.toString(), { headers: bearer(t.owner) });
      expect(result.status).toBe(200);
      expect(result.text).toContain('data-result="paid"');
      expect(result.text).toContain('data-status="paid"');
      expect(result.text).toContain('data-balance="0"');
      // Someone else sees the outcome but not the fee.
      expect((await send(back.toString(), { headers: bearer(t.otherResident) })).text).not.toContain('data-status=');

      // The fee is paid in the read model too, with the gateway's transaction id as the payment's reference.
      let status = '';
      for (let i = 0; i < 100 && status !== 'paid'; i++) {
        status = (ok(await gql<Record<string, { status: string }>>(server, 'query($id: ID!) { fee(id: $id) { status } }', { id: feeId }, t.owner), 'fee')).status;
        if (status !== 'paid') await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe('paid');
      // A paid fee has nothing left to start paying.
      const again = await send(`${server.url}/payments/start`, { method: 'POST', body: form({ feeId }).body, headers: { ...form({ feeId }).headers, ...bearer(t.owner) } });
      expect(again.status).toBe(409);
      expect(JSON.parse(again.text)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'FEE_NOT_PAYABLE' });
    });
  });
});
