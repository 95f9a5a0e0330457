/**
 * Issued documents end to end in process, over the real embedded event store and the real audit log:
 * a permit issued through the command bus is served as a PDF to its holder and the community's staff
 * (Armenian text in an embedded font, read back with pdftotext; the QR code, rendered with pdftoppm and
 * decoded with jsqr, is the absolute /verify address), and to no one else; the public /verify page shows
 * the document's facts from the log and says "verified" only for a proof that verifies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { auditLeafHash } from '../../application/audit/leaf';
import { createAuditService } from '../../application/audit/audit-service';
import { systemActor } from '../../application/authorization';
import { createCommandHandler } from '../../application/command-handler';
import { createCommands, type Commands } from '../../application/commands/registry';
import { loadIssuedDocument } from '../../application/documents/issued-document';
import { verifyDocumentInclusion } from '../../application/documents/verify-document';
import { countingIds, fixedClock } from '../../application/ids';
import type { Actor } from '../../application/ports/event-store';
import { openAuditLog, type AuditLog } from '../../infrastructure/audit/audit-log';
import { SqliteAuditStore } from '../../infrastructure/audit/sqlite-audit-store';
import { loadTokenKeys, signToken, type TokenClaims, type TokenKeys } from '../../infrastructure/auth/jwt';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { describeWhenAvailable, popplerForThisRun } from '../../tests/support/availability';
import { buildServer } from '../http/server';
import { registerDocumentRoutes } from './routes';

const PUBLIC_URL = 'https://hamaynk.example.am';
const HOLDER = '0800199001';
const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: HOLDER, role: 'resident', assurance: 'eid', channel: 'online' };
const clerk: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM08001', assurance: 'password', channel: 'staff' };

const services = [
  { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' as const },
];

describe('issued documents: the PDF and the public check', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let commands: Commands;
  let audit: AuditLog;
  let app: FastifyInstance;
  let keys: TokenKeys;
  let permitId: string;
  let approvedId: string;

  const submit = async (subject: string) =>
    (
      await commands.submitApplication(
        { input: { communityId: 'AM08001', serviceCode: 'construction-permit', subject, details: 'Խնդրում եմ թույլատրել', applicantName: 'Անի Սարգսյան' } },
        { actor: resident },
      )
    ).id;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-documents-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    const clock = fixedClock('2026-12-01T07:30:00Z');
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('documents') }), clock, propertyTax: new PropertyTaxSandbox(clock) });
    await commands.registerCommunity({ input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 114_500 } }, { actor: ministry });
    for (const input of services) await commands.offerService({ communityId: 'AM08001', input }, { actor: ministry });
    permitId = await submit('Ավտոտնակի կառուցում');
    await commands.registerApplication({ id: permitId }, { actor: clerk });
    await commands.approveApplication({ id: permitId, basis: 'ՀՀ քաղաքաշինության մասին օրենք, հոդված 23' }, { actor: clerk });
    await commands.recordFeeSettlement({ id: permitId, feeId: 'fee-1', communityId: 'AM08001', how: 'waived', at: '2026-12-01T08:00:00Z' }, { actor: systemActor() });
    await commands.issuePermit({ id: permitId, validFrom: '2026-12-02', validUntil: '2027-12-01' }, { actor: clerk });
    approvedId = await submit('Պատշգամբի վերանորոգում');
    await commands.registerApplication({ id: approvedId }, { actor: clerk });
    await commands.approveApplication({ id: approvedId, basis: 'Օրենք' }, { actor: clerk });

    audit = await openAuditLog({ dataDir: dir, eventStore, store: new SqliteAuditStore(path.join(dir, 'audit.sqlite')) });
    keys = loadTokenKeys({ dataDir: dir });
    app = await buildServer({
      eventStore,
      tokenKeys: keys,
      rateLimitPerMinute: 0,
      graphiql: false,
      routes: (server) => registerDocumentRoutes(server, { eventStore, audit: audit.service, publicUrl: PUBLIC_URL }),
    });
  });

  afterAll(async () => {
    await app?.close();
    await audit?.close();
    await eventStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bearer = async (claims: TokenClaims) => ({ authorization: `Bearer ${await signToken(keys, claims)}` });
  const getPdf = async (id: string, claims?: TokenClaims) =>
    app.inject({ method: 'GET', url: `/documents/${encodeURIComponent(id)}.pdf`, headers: claims ? await bearer(claims) : {} });

  const holder: TokenClaims = { sub: HOLDER, role: 'resident', acr: 'eid' };

  it('gives the holder their permit as a PDF', async () => {
    const response = await getPdf(permitId, holder);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.each<[string, TokenClaims]>([
    ['a clerk of the community', { sub: 'clerk-1', role: 'staff', communityId: 'AM08001' }],
    ['the head of the community', { sub: 'head-1', role: 'head', communityId: 'AM08001' }],
    ['the ministry', { sub: 'min-1', role: 'ministry' }],
    ['an auditor', { sub: 'aud-1', role: 'auditor' }],
  ])('gives it to %s', async (_who, claims) => {
    expect((await getPdf(permitId, claims)).statusCode).toBe(200);
  });

  it.each<[string, TokenClaims | undefined]>([
    ['another resident', { sub: '0800199002', role: 'resident', acr: 'eid' }],
    ['a clerk of another community', { sub: 'clerk-9', role: 'staff', communityId: 'AM06001' }],
    ['an integration consumer', { sub: 'tax', role: 'integration' }],
    ['someone not signed in', undefined],
  ])('answers %s 404, as for a document that does not exist', async (_who, claims) => {
    const response = await getPdf(permitId, claims);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'There is no such document', code: 'NOT_FOUND' });
    expect(response.body).toBe((await getPdf('no-such-application', claims ?? holder)).body);
  });

  it('answers 404 before the permit is issued, for an unknown id, and for a bad token', async () => {
    expect((await getPdf(approvedId, holder)).statusCode).toBe(404);
    expect((await getPdf('no-such-application', holder)).statusCode).toBe(404);
    const badToken = await app.inject({ method: 'GET', url: `/documents/${permitId}.pdf`, headers: { authorization: 'Bearer not-a-token' } });
    expect(badToken.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/documents/${permitId}.txt`, headers: await bearer(holder) })).statusCode).toBe(404);
  });

  describeWhenAvailable('the PDF read back', popplerForThisRun(), (tools) => {
    let pdfFile: string;
    beforeAll(async () => {
      pdfFile = path.join(dir, 'permit.pdf');
      fs.writeFileSync(pdfFile, (await getPdf(permitId, holder)).rawPayload);
    });

    it('carries the community, number, holder, service, basis, dates and validity in Armenian (fonts embedded)', () => {
      const text = execFileSync(tools().pdftotext, ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      const registrationNumber = 'AM08001/2026/1';
      for (const expected of [
        'Գյումրի համայնք',
        'Gyumri community',
        'ԹՈՒՅԼՏՎՈՒԹՅՈՒՆ',
        `${registrationNumber}-P`,
        'Անի Սարգսյան',
        'Շինարարության թույլտվություն (Construction permit)',
        'Ավտոտնակի կառուցում',
        'ՀՀ քաղաքաշինության մասին օրենք, հոդված 23',
        'Տրման ամսաթիվ / Date of issue',
        '2026-12-01',
        '2026-12-02 – 2027-12-01',
        `${PUBLIC_URL}/verify/${permitId}`,
      ]) {
        expect(text).toContain(expected);
      }
      const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
      // Every font is embedded (the "emb" column) as a subset of Noto Sans Armenian.
      const rows = fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        expect(row).toMatch(/NotoSansArmenian/);
        expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
      }
    });

    it('has a QR code of the absolute /verify address', () => {
      const prefix = path.join(dir, 'page');
      execFileSync(tools().pdftoppm, ['-r', '150', '-png', '-f', '1', '-l', '1', pdfFile, prefix]);
      const png = PNG.sync.read(fs.readFileSync(fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => f.startsWith(prefix) && f.endsWith('.png')) as string));
      const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      expect(code?.data).toBe(`${PUBLIC_URL}/verify/${permitId}`);
    });
  });

  describe('/verify', () => {
    it('shows the document from the log and "verified" for its inclusion proof, in Armenian by default', async () => {
      const response = await app.inject({ method: 'GET', url: `/verify/${permitId}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe('hy');
      expect(response.body).toContain('<html lang="hy">');
      expect(response.body).toContain('ստուգված է');
      expect(response.body).toContain('Անի Սարգսյան');
      expect(response.body).toContain('Գյումրի (AM08001)');
    });

    it('in English with ?lang=en: the facts, the leaf hash of the issuing event, its path and the signed checkpoint', async () => {
      const response = await app.inject({ method: 'GET', url: `/verify/${permitId}?lang=en` });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<html lang="en">');
      expect(response.body).toMatch(/<p class="verified" id="verdict" role="status"><strong>✓ verified\.<\/strong>/);
      const document = await loadIssuedDocument(eventStore, permitId);
      expect(document?.event.type).toBe('PermitIssued');
      expect(response.body).toContain(auditLeafHash(document!.event).toString('hex'));
      expect(response.body).toContain(`<dd>${document!.event.position.toString()}</dd>`);
      const head = await audit.service.auditTreeHead();
      expect(response.body).toContain(head.rootHash);
      expect(response.body).toContain(head.checkpoint.split('\n')[0]);
      expect(response.body).toContain('Construction permit');
      expect(response.body).toContain('2026-12-02 – 2027-12-01');
      // The paper shows the holder's name; the page shows nothing more personal.
      expect(response.body).not.toContain(HOLDER);
    });

    it('answers an unknown id, and an application with nothing issued, with the 404 page', async () => {
      for (const id of ['no-such-application', approvedId]) {
        const response = await app.inject({ method: 'GET', url: `/verify/${id}?lang=en` });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body).toContain('<html lang="en">');
      }
    });
  });

  describe('the server-side check', () => {
    it('fails for an event whose stored bytes were changed', async () => {
      const document = (await loadIssuedDocument(eventStore, permitId))!;
      const forged = { ...document.event, dataBytes: Buffer.from(Buffer.from(document.event.dataBytes).toString('utf8').replace('2027-12-01', '2037-12-01')) };
      const result = await verifyDocumentInclusion(audit.service, forged);
      expect(result.status).toBe('failed');
      expect(result.reason).toMatch(/another leaf/);
      expect((await verifyDocumentInclusion(audit.service, document.event)).status).toBe('verified');
    });

    it('says "pending" while the latest signed checkpoint does not cover the event yet', async () => {
      // A process that only serves the tree answers from the newest signed head; sign one, then record more.
      const head = await audit.service.auditTreeHead();
      const laterId = await submit('Ցանկապատ');
      await commands.registerApplication({ id: laterId }, { actor: clerk });
      await commands.approveApplication({ id: laterId, basis: 'Օրենք' }, { actor: clerk });
      await commands.recordFeeSettlement({ id: laterId, feeId: 'fee-2', communityId: 'AM08001', how: 'waived', at: '2026-12-01T08:00:00Z' }, { actor: systemActor() });
      await commands.issuePermit({ id: laterId, validFrom: '2026-12-02', validUntil: '2027-12-01' }, { actor: clerk });
      const reader = createAuditService({ store: audit.store });
      const document = (await loadIssuedDocument(eventStore, laterId))!;
      expect(document.event.position > BigInt(head.treeSize)).toBe(true);
      const result = await verifyDocumentInclusion(reader, document.event);
      expect(result).toMatchObject({ status: 'pending', treeSize: head.treeSize, checkpoint: head.checkpoint });
      // The signing process signs a head that covers it when asked.
      expect((await verifyDocumentInclusion(audit.service, document.event)).status).toBe('verified');
    });
  });
});
