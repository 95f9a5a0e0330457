/**
 * The national and audit pages over HTTP against the real application: the ministry keeps the community
 * registry through forms generated from the community commands (search, province filter, register, deploy
 * the CMIS, offer and withdraw services, a stale form, a refused clerk), reads the national reports; an
 * auditor reads the audit log (filters by actor, action, stream), a stream's history as of a revision or a
 * date-time, and the transparency log's proofs — "verified" only when they verify.
 */
import { auditLeafHash } from '../../application/audit';
import { COMMUNITY, startTestWorkspace, type TestWorkspace } from './test-workspace';
import { consistencyVerifies, inclusionVerdict, treeHeadVerifies } from './audit';

let ws: TestWorkspace;
let ministry: string;
let auditor: string;
let clerk: string;

beforeAll(async () => {
  ws = await startTestWorkspace();
  ministry = await ws.token({ sub: 'minister-1', role: 'ministry', acr: 'eid' });
  auditor = await ws.token({ sub: 'auditor-1', role: 'auditor', acr: 'eid' });
  clerk = await ws.token({ sub: 'clerk-1', role: 'staff', communityId: COMMUNITY, acr: 'eid' });
}, 120_000);
afterAll(async () => {
  await ws?.close();
});

const get = async (path: string, token?: string) => {
  const res = await fetch(`${ws.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

const post = async (path: string, fields: Record<string, string>, token: string) => {
  const res = await fetch(`${ws.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', cookie: 'hamaynk_lang=en' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
};

const head = async () => (await ws.hamaynk.eventStore.headPosition())?.toString() ?? null;

const formOf = (html: string, command: string): Record<string, string> => {
  const start = html.indexOf(`id="form-${command}"`);
  if (start < 0) throw new Error(`No form for ${command} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]] = m[2];
  return hidden;
};

const text = (html: string): string => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Asks until `check` holds (the reports are read models, kept a moment after the write). */
const eventually = async <T>(ask: () => Promise<T>, check: (value: T) => boolean): Promise<T> => {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await ask();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('the community registry', () => {
  it('lists the communities by code, with a search and a province filter, in English and Armenian', async () => {
    const all = await get('/staff/communities?lang=en', ministry);
    expect(all.status).toBe(200);
    expect(all.body).toMatch(/<h1 class="govuk-heading-l">Communities<\/h1>/);
    expect(all.body).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Communities of the national registry, by code</caption>');
    expect(text(all.body)).toContain('AM-T01 Testavan Shirak Urban 5,000');
    expect(text(all.body)).toContain('AM-T02 Othertown');
    expect(all.body).toContain('<label class="govuk-label" for="search">');
    const searched = await get('/staff/communities?lang=en&search=other', ministry);
    expect(text(searched.body)).toContain('1 community');
    expect(text(searched.body)).not.toContain('Testavan');
    const elsewhere = await get('/staff/communities?lang=en&province=Lori', ministry);
    expect(text(elsewhere.body)).toContain('No community matches.');
    const hy = await get('/staff/communities', ministry);
    expect(text(hy.body)).toContain('Շիրակ');
    expect(hy.body).toMatch(/<button[^>]*>\s*Գրանցել համայնք \(Register community\)\s*<\/button>/);
  });

  it('offers the ministry the registry’s forms, named after the commands, and a clerk none', async () => {
    const page = await get('/staff/communities?lang=en', ministry);
    expect(page.body).toMatch(/<button[^>]*>\s*Register community\s*<\/button>/);
    expect(page.body).toMatch(/<button[^>]*>\s*Consolidate communities\s*<\/button>/);
    expect(page.body).toMatch(/<label class="govuk-label" for="registerCommunity-input-code">\s*Community code\s*<\/label>/);
    const clerkPage = await get('/staff/communities?lang=en', clerk);
    expect(clerkPage.status).toBe(200);
    expect(clerkPage.body).not.toContain('Register community');
  });

  it('refuses a clerk who posts the form anyway, with HTTP 403 and nothing appended', async () => {
    const before = await head();
    const res = await post(
      '/staff/communities/commands/registerCommunity',
      { commandId: 'clerk-register', 'input.code': 'AM-T09', 'input.nameHy': 'Փորձ', 'input.nameEn': 'Trial', 'input.province': 'Lori', 'input.kind': 'rural', 'input.population': '100' },
      clerk,
    );
    expect(res.status).toBe(403);
    expect(text(res.body)).toContain('You may not do this');
    expect(await head()).toBe(before);
  });

  it('says what is missing beside the field, with HTTP 422 and nothing appended', async () => {
    const before = await head();
    const res = await post('/staff/communities/commands/registerCommunity', { commandId: 'incomplete', 'input.nameEn': 'Nameless' }, ministry);
    expect(res.status).toBe(422);
    expect(text(res.body)).toContain('Enter Community code');
    expect(res.body).toContain('value="Nameless"');
    expect(await head()).toBe(before);
  });

  it('registers a community with Armenian text intact, and its page shows the facts and the timeline', async () => {
    const res = await post(
      '/staff/communities/commands/registerCommunity',
      { commandId: 'register-t03', 'input.code': 'AM-T03', 'input.nameHy': 'Նոր Գյուղ', 'input.nameEn': 'Nor Gyugh', 'input.province': 'Lori', 'input.kind': 'rural', 'input.population': '2 400', 'input.settlements': 'Նոր Գյուղ\nՎերին Գյուղ' },
      ministry,
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/communities/AM-T03?done=registerCommunity');
    const page = await get('/staff/communities/AM-T03?done=registerCommunity&lang=en', ministry);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h1 class="govuk-heading-l">Nor Gyugh \(AM-T03\)<\/h1>/);
    expect(text(page.body)).toContain('Register community: recorded.');
    expect(text(page.body)).toContain('Նոր Գյուղ, Վերին Գյուղ');
    expect(text(page.body)).toContain('Community registered');
    expect(text(page.body)).toContain('minister-1 (ministry)');
    const hy = await get('/staff/communities/AM-T03', ministry);
    expect(hy.body).toMatch(/<h1 class="govuk-heading-l">Նոր Գյուղ \(AM-T03\)<\/h1>/);
    const list = await get('/staff/communities?lang=en&province=Lori', ministry);
    expect(text(list.body)).toContain('AM-T03 Nor Gyugh Lori Rural 2,400');
  });

  it('deploys the CMIS, offers a service and withdraws it, each form on the community’s page', async () => {
    let page = await get('/staff/communities/AM-T03?lang=en', ministry);
    expect(page.body).toMatch(/<button[^>]*>\s*Deploy CMIS\s*<\/button>/);
    expect(page.body).toMatch(/<button[^>]*>\s*Open citizen service office\s*<\/button>/);
    expect(page.body).not.toContain('Withdraw service');
    let res = await post('/staff/communities/AM-T03/deployCmis', { ...formOf(page.body, 'deployCmis'), edition: 'single-settlement', on: '2024-03-01' }, ministry);
    expect(res.status).toBe(303);
    page = await get('/staff/communities/AM-T03?lang=en', ministry);
    expect(text(page.body)).toContain('Single-settlement, since 1 March 2024');
    expect(text(page.body)).toContain('CMIS deployed');

    res = await post(
      '/staff/communities/AM-T03/offerService',
      { ...formOf(page.body, 'offerService'), 'input.code': 'tree-felling', 'input.nameHy': 'Ծառահատման թույլտվություն', 'input.nameEn': 'Tree felling permit', 'input.feeAmd': '5000', 'input.deadlineDays': '10', 'input.issues': 'permit' },
      ministry,
    );
    expect(res.status).toBe(303);
    page = await get('/staff/communities/AM-T03?lang=en', ministry);
    expect(text(page.body)).toContain('tree-felling Tree felling permit 5 000 ֏ 10 days (Calendar days) A permit');
    expect(page.body).toMatch(/<input class="govuk-radios__input" id="withdrawService-code" name="code" type="radio" value="tree-felling">\s*<label class="govuk-label govuk-radios__label" for="withdrawService-code">\s*Tree felling permit \(tree-felling\)/);

    res = await post('/staff/communities/AM-T03/withdrawService', { ...formOf(page.body, 'withdrawService'), code: 'tree-felling' }, ministry);
    expect(res.status).toBe(303);
    page = await get('/staff/communities/AM-T03?lang=en', ministry);
    expect(text(page.body)).toContain('This community offers no service.');
    expect(text(page.body)).toContain('Service withdrawn');
  });

  it('reports a form opened before the community changed, and records nothing', async () => {
    const page = await get('/staff/communities/AM-T03?lang=en', ministry);
    const stale = formOf(page.body, 'enableDocumentCirculation');
    await post('/staff/communities/AM-T03/recordPopulation', { ...formOf(page.body, 'recordPopulation'), population: '2500', asOf: '2025-01-01' }, ministry);
    const before = await head();
    const res = await post('/staff/communities/AM-T03/enableDocumentCirculation', { ...stale, on: '2025-02-01' }, ministry);
    expect(res.status).toBe(409);
    expect(text(res.body)).toContain('Changed by someone else since you opened it');
    expect(await head()).toBe(before);
  });

  it('answers 404 for a community that is not registered', async () => {
    expect((await get('/staff/communities/AM-ZZ99?lang=en', ministry)).status).toBe(404);
  });
});

describe('the national reports', () => {
  it('shows the adoption report as of a date, over time as a chart with its table, and the transparency figures', async () => {
    const today = ws.hamaynk.queries.today();
    const res = await eventually(
      () => get('/staff/reports?lang=en', ministry),
      (r) => text(r.body).includes('With the CMIS deployed 1'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<h1 class="govuk-heading-l">National reports<\/h1>/);
    expect(res.body).toContain(`name="asOf" type="date" value="${today}"`);
    expect(text(res.body)).toContain('Communities 3');
    expect(text(res.body)).toContain('With the CMIS deployed 1');
    expect(res.body).toMatch(/<svg class="chart-svg"[^>]*role="img"/);
    expect(res.body).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Communities each month</caption>');
    expect(text(res.body)).toContain(`${today.slice(0, 7)} 1 0 0 0`);
    expect(text(res.body)).toMatch(/Transparency, 1 \w+ \d{4} – \d+ \w+ \d{4}/);
    // The registry as it stood before the communities were registered (they were registered today).
    const earlier = await get('/staff/reports?lang=en&asOf=2024-02-01', ministry);
    expect(text(earlier.body)).toContain('Adoption of the CMIS as of 1 February 2024');
    expect(text(earlier.body)).toContain('Communities 0');
  });
});

describe('the audit pages', () => {
  it('lists the audit log for an auditor, filtered by action, by actor and by stream', async () => {
    const all = await get('/staff/audit?lang=en', auditor);
    expect(all.status).toBe(200);
    expect(all.body).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Audit log entries, newest first</caption>');
    const deployed = await eventually(
      () => get('/staff/audit?lang=en&action=CmisDeployed', auditor),
      (r) => text(r.body).includes('1 entry'),
    );
    expect(text(deployed.body)).toContain('1 entry');
    expect(text(deployed.body)).toContain('minister-1 (ministry)');
    expect(text(deployed.body)).toContain('community-AM-T03');
    const byActor = await eventually(
      () => get('/staff/audit?lang=en&actor=minister-1&stream=community-AM-T03', auditor),
      (r) => text(r.body).includes('5 entries'),
    );
    // Registered, CMIS deployed, service offered and withdrawn, population recorded (the stale form recorded nothing).
    expect(text(byActor.body)).toContain('5 entries');
    expect(byActor.body).not.toMatch(/href="\/staff\/audit\/streams\/community-AM-T0[12]/);
    const bad = await get('/staff/audit?lang=en&action=not a type', auditor);
    expect(bad.status).toBe(400);
  });

  it('refuses the ministry the audit log and histories, saying who they are for', async () => {
    const res = await get('/staff/audit?lang=en', ministry);
    expect(res.status).toBe(403);
    expect(text(res.body)).toContain('The audit log, histories and past states are for auditors.');
    expect((await get('/staff/audit/streams/community-AM-T03?lang=en', ministry)).status).toBe(403);
  });

  it('shows any stream as it stood at a revision or a moment (time travel)', async () => {
    const now = await get('/staff/audit/streams/community-AM-T03?lang=en', auditor);
    expect(now.status).toBe(200);
    expect(text(now.body)).toContain('History of community-AM-T03');
    expect(text(now.body)).toContain('CmisDeployed');
    const first = await get('/staff/audit/streams/community-AM-T03?lang=en&revision=0', auditor);
    expect(text(first.body)).toContain('The state it was in (revision 0)');
    expect(text(first.body)).toContain('Community registered');
    expect(text(first.body)).not.toContain('CMIS deployed');
    expect(text(first.body)).toContain('cmisEdition —');
    const before = await get('/staff/audit/streams/community-AM-T03?lang=en&asOf=2001-01-01T00:00', auditor);
    expect(text(before.body)).toContain('Nothing was recorded in this stream by then.');
    const opened = await get('/staff/audit/streams?streamId=community-AM-T01', auditor);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/staff/audit/streams/community-AM-T01');
  });

  it('shows the signed tree head and proves an event’s inclusion and the log’s consistency, verified on the server', async () => {
    const position = (await ws.hamaynk.eventStore.headPosition())!.toString();
    const tree = await get(`/staff/audit/tree?lang=en&position=${position}&from=1`, ministry);
    expect(tree.status).toBe(200);
    expect(text(tree.body)).toContain('Verified: the checkpoint’s signature is valid under the published key');
    expect(text(tree.body)).toContain(`Inclusion proof of position ${position}`);
    expect(text(tree.body)).toMatch(/Verified: the event’s stored bytes hash to leaf \d+, and the path leads to the root of the tree of \d+ events/);
    expect(text(tree.body)).toMatch(/Verified: the tree of 1 events is a prefix of the tree of \d+ events/);
  });

  it('says "verified" only when the proof verifies: a changed byte, hash or signature is reported', async () => {
    const service = ws.hamaynk.audit.service;
    const headView = await service.auditTreeHead();
    const key = await service.auditPublicKey();
    expect(treeHeadVerifies(headView, key)).toBe(true);
    expect(treeHeadVerifies({ ...headView, rootHash: headView.rootHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, key)).toBe(false);
    expect(treeHeadVerifies({ ...headView, checkpoint: headView.checkpoint.replace(/\n\n— (\S+) (\S)/, (_m, name, c) => `\n\n— ${name} ${c === 'A' ? 'B' : 'A'}`) }, key)).toBe(false);

    const [event] = await ws.hamaynk.eventStore.readAll({ maxCount: 1 });
    const proof = await service.auditInclusionProof(event.position, headView.treeSize);
    expect(proof.leafHash).toBe(auditLeafHash(event).toString('hex'));
    expect(inclusionVerdict(proof, event, headView, true)).toBe('verified');
    expect(inclusionVerdict(proof, { ...event, dataBytes: Buffer.from(JSON.stringify({ forged: true })) }, headView, true)).toBe('leaf-mismatch');
    const flipped = proof.path.map((h, i) => (i === 0 ? h.replace(/^./, (c) => (c === '0' ? '1' : '0')) : h));
    expect(inclusionVerdict({ ...proof, path: flipped }, event, headView, true)).toBe('path-mismatch');
    expect(inclusionVerdict(proof, event, headView, false)).toBe('path-mismatch');
    expect(inclusionVerdict(proof, null, headView, true)).toBe('no-event');

    const consistency = await service.auditConsistencyProof(1, headView.treeSize);
    expect(consistencyVerifies(consistency, headView, true)).toBe(true);
    expect(consistencyVerifies({ ...consistency, fromRoot: consistency.toRoot }, headView, true)).toBe(false);
    expect(consistencyVerifies(consistency, headView, false)).toBe(false);
  });
});
