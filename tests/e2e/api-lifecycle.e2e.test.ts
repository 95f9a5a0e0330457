/**
 * The full life of each aggregate through the GraphQL API of the real server (`hamaynk serve`),
 * reading state only from what each mutation returns (docs/api.md "Mutations", "Views and statuses").
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, cliToken, daysFromToday, gql, mintTokens, today, type View } from './support/api';

const CODE = 'SH-GYU';

describe('GraphQL API: the life of each aggregate', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'ministry' | 'staff' | 'head' | 'council' | 'resident' | 'resident2' | 'auditor', string>;

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    t = {
      // The real CLI for one token; the others are signed the same way in-process (see mintTokens).
      resident: await cliToken(server.dataDir, '--role', 'resident', '--sub', 'res-anahit', '--acr', 'eid'),
      ...(await mintTokens(server.dataDir, {
        ministry: { role: 'ministry', sub: 'minister-1' },
        staff: { role: 'staff', sub: 'clerk-1', community: CODE },
        head: { role: 'head', sub: 'head-1', community: CODE },
        council: { role: 'council', sub: 'council-secretary', community: CODE },
        resident2: { role: 'resident', sub: 'res-vardan', acr: 'mid' },
        auditor: { role: 'auditor', sub: 'auditor-1' },
      })),
    };
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const register = (code: string, nameHy: string, nameEn: string, extra: Record<string, unknown> = {}) =>
    api.must(
      'registerCommunity',
      { input: { code, nameHy, nameEn, province: 'Shirak', kind: 'rural', population: 1000, occurredAt: '2016-06-01T09:00:00+04:00', ...extra }, source: 'synthetic' },
      t.ministry,
    );

  describe('community (ministry)', () => {
    it('is registered with Armenian names and grows fact by fact, one revision each', async () => {
      const registered = await register(CODE, 'Գյումրի', 'Gyumri', { kind: 'urban', population: 112_000, settlements: ['Գյումրի'] });
      expect(registered).toMatchObject({
        id: CODE,
        revision: 0,
        status: 'active',
        nameHy: 'Գյումրի',
        nameEn: 'Gyumri',
        province: 'Shirak',
        kind: 'urban',
        population: 112_000,
        settlements: ['Գյումրի'],
        cmisEdition: null,
        documentCirculation: false,
        officialWebsite: null,
        citizenServiceOffices: [],
        services: [],
      });
      expect(registered.provenance).toContainEqual({ fact: expect.any(String), source: 'synthetic' });

      const services = [
        { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 30, issues: 'permit' },
        { code: 'tax-liability-certificate', nameHy: 'Գույքահարկի պարտավորության տեղեկանք', nameEn: 'Tax liability certificate', feeAmd: 0, deadlineDays: 5, issues: 'certificate' },
        { code: 'residence-certificate', nameHy: 'Բնակության տեղեկանք', nameEn: 'Residence certificate', feeAmd: 0, deadlineDays: 3, issues: 'certificate' },
        { code: 'information', nameHy: 'Տեղեկատվության տրամադրում', nameEn: 'Information', feeAmd: 0, deadlineDays: 10, issues: 'none' },
      ];
      let revision = 0;
      let community: View = registered;
      for (const service of services) {
        community = await api.must('offerService', { communityId: CODE, input: service, source: 'synthetic' }, t.ministry);
        expect(community.revision).toBe(++revision);
      }
      expect(community.services).toEqual(services);

      community = await api.must('deployCmis', { communityId: CODE, edition: 'single-settlement', on: '2019-03-01', source: 'S_cmis' }, t.ministry);
      expect(community).toMatchObject({ revision: ++revision, cmisEdition: 'single-settlement' });
      expect(community.provenance).toContainEqual({ fact: expect.any(String), source: 'S_cmis' });

      community = await api.must('enableDocumentCirculation', { communityId: CODE, on: '2019-04-01' }, t.ministry);
      expect(community).toMatchObject({ revision: ++revision, documentCirculation: true });

      community = await api.must('launchOfficialWebsite', { communityId: CODE, url: 'https://gyumri.am', hostedOnCmis: true, on: '2019-05-01' }, t.ministry);
      expect(community).toMatchObject({ revision: ++revision, officialWebsite: { url: 'https://gyumri.am', hostedOnCmis: true } });

      community = await api.must(
        'openCitizenServiceOffice',
        { communityId: CODE, officeId: 'cso-gyumri', name: 'Գյումրու քաղաքացիների սպասարկման գրասենյակ', partners: ['GIZ/BMZ', 'USAID'], on: '2019-06-01' },
        t.ministry,
      );
      expect(community.revision).toBe(++revision);
      expect(community.citizenServiceOffices).toEqual([{ officeId: 'cso-gyumri', name: 'Գյումրու քաղաքացիների սպասարկման գրասենյակ', partners: ['GIZ/BMZ', 'USAID'] }]);

      community = await api.must('recordPopulation', { communityId: CODE, population: 110_500, asOf: '2024-01-01' }, t.ministry);
      expect(community).toMatchObject({ revision: ++revision, population: 110_500, populationAsOf: '2024-01-01', status: 'active' });
    });

    it('consolidates two registered communities into a new one; the former ones are merged', async () => {
      const a = await register('SH-AZA', 'Ազատան', 'Azatan', { population: 4000, settlements: ['Ազատան'] });
      const b = await register('SH-ARA', 'Առափի', 'Arapi', { population: 2500, settlements: ['Առափի'] });
      expect([a.status, b.status]).toEqual(['active', 'active']);

      const on = today();
      const consolidated = await api.must(
        'consolidateCommunities',
        { input: { code: 'SH-AZA-C', nameHy: 'Ազատան համայնք', nameEn: 'Azatan community', province: 'Shirak', kind: 'rural', formerCommunityIds: ['SH-AZA', 'SH-ARA'], on }, source: 'synthetic' },
        t.ministry,
      );
      // It takes the former communities' settlements and, unless given, their summed population.
      expect(consolidated).toMatchObject({
        id: 'SH-AZA-C',
        revision: 0,
        status: 'active',
        nameHy: 'Ազատան համայնք',
        formerCommunityIds: ['SH-AZA', 'SH-ARA'],
        consolidatedOn: on,
        population: 6500,
      });
      expect([...consolidated.settlements].sort()).toEqual(['Ազատան', 'Առափի'].sort());

      // A fact dated on or after the merger is refused, and appends nothing.
      const head = await api.head();
      const refused = await api.refused('deployCmis', { communityId: 'SH-AZA', edition: 'single-settlement', on }, t.ministry);
      expect(refused.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'COMMUNITY_MERGED' });
      expect(await api.head()).toBe(head);

      // A fact dated before the merger is still accepted, and the view says the community is merged now.
      for (const former of ['SH-AZA', 'SH-ARA']) {
        const view = await api.must('recordPopulation', { communityId: former, population: 100, asOf: '2018-01-01' }, t.ministry);
        expect(view).toMatchObject({ id: former, status: 'merged', mergedInto: 'SH-AZA-C', mergedOn: on, revision: 2 });
      }
    });
  });

  describe('application', () => {
    const submit = (serviceCode: string, extra: Record<string, unknown> = {}, token = t.resident) =>
      api.must(
        'submitApplication',
        { input: { communityId: CODE, serviceCode, subject: 'Ավտոտնակի կառուցում', details: 'Խնդրում եմ թույլտվություն տալ ավտոտնակ կառուցելու համար։', applicantName: 'Անահիտ Սարգսյան', ...extra } },
        token,
      );

    it('goes submitted → registered → assigned ⇄ awaiting-information → approved → fee paid → permit issued (completed)', async () => {
      let app = await submit('construction-permit');
      const id = app.id as string;
      expect(app).toMatchObject({
        revision: 0,
        status: 'submitted',
        communityId: CODE,
        serviceCode: 'construction-permit',
        kind: 'application',
        applicantId: 'res-anahit',
        channel: 'online',
        dueOn: daysFromToday(30),
        overdue: false,
        feeSettled: false,
        registrationNumber: null,
        permit: null,
      });

      app = await api.must('registerApplication', { id }, t.staff);
      expect(app).toMatchObject({ id, revision: 1, status: 'registered' });
      expect(app.registrationNumber).toMatch(new RegExp(`^${CODE}/\\d{4}/1$`));
      const registrationNumber = app.registrationNumber as string;

      // Anyone holding the tracking code sees the public status, without the personal data; the applicant sees it all.
      const tracked = `query ($code: String) { application(trackingCode: $code) { id status trackingCode registrationNumber applicantName details } }`;
      const { data: track } = await gql<{ history: Array<{ type: string; data: { trackingCode?: string } }> }>(
        server,
        `query ($s: String!) { history(streamId: $s) { type data } }`,
        { s: `application-${id}` },
        t.auditor,
      );
      const trackingCode = track?.history.find((e) => e.type === 'ApplicationSubmitted')?.data.trackingCode as string;
      expect(trackingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      const anonymous = await gql(server, tracked, { code: trackingCode });
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({ application: { id, status: 'registered', trackingCode, registrationNumber, applicantName: null, details: null } });
      const own = await gql(server, tracked, { code: trackingCode }, t.resident);
      expect(own.data).toMatchObject({ application: { applicantName: expect.any(String), details: expect.any(String) } });
      const unknown = await gql(server, tracked, { code: '23456789AB' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      const malformed = await gql(server, tracked, { code: 'not-a-code' });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });

      app = await api.must('assignApplication', { id, assigneeId: 'clerk-2' }, t.staff);
      expect(app).toMatchObject({ revision: 2, status: 'assigned', assigneeId: 'clerk-2' });

      app = await api.must('requestApplicationInformation', { id, question: 'Կցեք հողամասի սեփականության վկայականը։' }, t.staff);
      expect(app).toMatchObject({ revision: 3, status: 'awaiting-information', pendingQuestion: 'Կցեք հողամասի սեփականության վկայականը։' });

      app = await api.must('provideApplicationInformation', { id, answer: 'Վկայականի համարը՝ 123456։' }, t.resident);
      expect(app).toMatchObject({ revision: 4, status: 'assigned' });

      app = await api.must('approveApplication', { id, basis: 'ՀՀ Քաղաքաշինության մասին օրենք, հոդված 23' }, t.staff);
      expect(app).toMatchObject({ revision: 5, status: 'approved', feeSettled: false, decision: { outcome: 'approved' } });

      // No permit before the fee is settled, and the refusal appends nothing.
      const permitArgs = { id, validFrom: today(), validUntil: daysFromToday(365) };
      const before = await api.head();
      expect((await api.refused('issuePermit', permitArgs, t.staff)).extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'FEE_NOT_SETTLED' });
      expect(await api.head()).toBe(before);

      let fee = await api.must(
        'assessFee',
        { input: { communityId: CODE, payerId: 'res-anahit', payerName: 'Անահիտ Սարգսյան', code: 'construction-permit', amountAmd: 5000, dueOn: daysFromToday(10), basis: 'Տեղական տուրքերի մասին որոշում', applicationId: id } },
        t.staff,
      );
      expect(fee).toMatchObject({ revision: 0, status: 'due', amountAmd: 5000, balanceAmd: 5000, applicationId: id });
      fee = await api.must('recordPayment', { id: fee.id, amountAmd: 5000, paidAt: new Date().toISOString(), reference: 'TREASURY-0001' }, t.staff);
      expect(fee).toMatchObject({ status: 'paid', paidAmd: 5000, balanceAmd: 0 });

      // The permit/fee process manager inside the server records the settlement on the application.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const res = await api.send('issuePermit', permitArgs, t.staff);
        if (!res.errors) {
          app = res.data!.issuePermit;
          break;
        }
        expect(res.errors[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'FEE_NOT_SETTLED' });
        if (Date.now() > deadline) throw new Error('the permit/fee process manager did not record the settlement within 15 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(app).toMatchObject({
        id,
        status: 'completed',
        feeSettled: true,
        registrationNumber,
        permit: { number: `${registrationNumber}-P`, validFrom: today(), validUntil: daysFromToday(365) },
      });
      // registered, assigned, asked, answered, approved, settled (by the process manager), permit
      expect(app.revision).toBe(7);

      // A completed application takes no second permit.
      expect((await api.refused('issuePermit', permitArgs, t.staff)).extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'APPLICATION_COMPLETED' });
    });

    it('answers an inquiry (completed)', async () => {
      let inquiry = await submit('information', { kind: 'inquiry', subject: 'Աղբահանության ժամանակացույց' }, t.resident2);
      expect(inquiry).toMatchObject({ status: 'submitted', kind: 'inquiry', applicantId: 'res-vardan', dueOn: daysFromToday(10) });
      inquiry = await api.must('registerApplication', { id: inquiry.id }, t.head);
      inquiry = await api.must('answerInquiry', { id: inquiry.id, answer: 'Երկուշաբթի և հինգշաբթի օրերին։' }, t.staff);
      expect(inquiry).toMatchObject({ status: 'completed', revision: 2, decision: { outcome: 'answered', answer: 'Երկուշաբթի և հինգշաբթի օրերին։' } });
    });

    it('issues certificates: the tax-liability certificate carries the property tax snapshot', async () => {
      let taxCase = await submit('tax-liability-certificate', { subject: 'Գույքահարկի տեղեկանք' });
      taxCase = await api.must('registerApplication', { id: taxCase.id }, t.staff);
      taxCase = await api.must('approveApplication', { id: taxCase.id, basis: 'Հարկային օրենսգիրք' }, t.staff);
      expect(taxCase).toMatchObject({ status: 'approved', feeSettled: true });
      taxCase = await api.must('issueCertificate', { id: taxCase.id }, t.staff);
      expect(taxCase).toMatchObject({ status: 'completed', revision: 3, certificateNumber: `${taxCase.registrationNumber}-C` });
      expect(taxCase.taxLiability).toMatchObject({ residentId: 'res-anahit', communityId: CODE, totalDueAmd: expect.any(Number), items: expect.any(Array) });

      let residence = await submit('residence-certificate', { subject: 'Բնակության տեղեկանք' });
      residence = await api.must('registerApplication', { id: residence.id }, t.staff);
      residence = await api.must('approveApplication', { id: residence.id, basis: 'Համայնքի կանոնադրություն' }, t.staff);
      residence = await api.must('issueCertificate', { id: residence.id }, t.staff);
      expect(residence).toMatchObject({ status: 'completed', certificateNumber: `${residence.registrationNumber}-C`, taxLiability: null });
    });

    it('is withdrawn by the applicant before a decision, then takes no further step', async () => {
      let app = await submit('construction-permit');
      app = await api.must('registerApplication', { id: app.id }, t.staff);
      app = await api.must('withdrawApplication', { id: app.id, reason: 'Փոխեցի որոշումս։' }, t.resident);
      expect(app).toMatchObject({ status: 'withdrawn', revision: 2 });
      const head = await api.head();
      expect((await api.refused('assignApplication', { id: app.id, assigneeId: 'clerk-2' }, t.staff)).extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'APPLICATION_WITHDRAWN',
      });
      expect(await api.head()).toBe(head);
    });

    it('is rejected with a reason and a basis', async () => {
      let app = await submit('construction-permit');
      app = await api.must('registerApplication', { id: app.id }, t.staff);
      app = await api.must('rejectApplication', { id: app.id, reason: 'Հողամասը պետական է։', basis: 'Հողային օրենսգիրք' }, t.head);
      expect(app).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected', reason: 'Հողամասը պետական է։', basis: 'Հողային օրենսգիրք' } });
    });
  });

  describe('fee', () => {
    const assess = (amountAmd: number) =>
      api.must(
        'assessFee',
        { input: { communityId: CODE, payerId: 'res-vardan', payerName: 'Վարդան Մկրտչյան', code: 'waste-collection', amountAmd, dueOn: daysFromToday(20), basis: 'Ավագանու որոշում N 12' } },
        t.staff,
      );

    it('is paid in parts; a reference already recorded adds nothing; a refund keeps it paid', async () => {
      let fee = await assess(10_000);
      expect(fee).toMatchObject({ revision: 0, status: 'due', amountAmd: 10_000, paidAmd: 0, refundedAmd: 0, balanceAmd: 10_000, dueOn: daysFromToday(20), overdue: false });
      const id = fee.id as string;
      const paidAt = new Date().toISOString();

      fee = await api.must('recordPayment', { id, amountAmd: 4000, paidAt, reference: 'BANK-A' }, t.staff);
      expect(fee).toMatchObject({ revision: 1, status: 'partially-paid', paidAmd: 4000, balanceAmd: 6000 });

      const head = await api.head();
      fee = await api.must('recordPayment', { id, amountAmd: 4000, paidAt, reference: 'BANK-A' }, t.staff);
      expect(fee).toMatchObject({ revision: 1, status: 'partially-paid', paidAmd: 4000, balanceAmd: 6000 });
      expect(await api.head()).toBe(head);

      expect((await api.refused('recordPayment', { id, amountAmd: 6001, paidAt, reference: 'BANK-X' }, t.staff)).extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'PAYMENT_EXCEEDS_BALANCE',
      });

      fee = await api.must('recordPayment', { id, amountAmd: 6000, paidAt, reference: 'BANK-B' }, t.head);
      expect(fee).toMatchObject({ status: 'paid', paidAmd: 10_000, balanceAmd: 0, overdue: false });
      expect(fee.revision).toBeGreaterThan(1);

      const paidRevision = fee.revision as number;
      fee = await api.must('refundFee', { id, amountAmd: 1500, reason: 'Սխալ հաշվարկ' }, t.staff);
      expect(fee).toMatchObject({ revision: paidRevision + 1, status: 'paid', paidAmd: 10_000, refundedAmd: 1500, balanceAmd: 0 });
    });

    it('is waived by decision', async () => {
      const fee = await assess(3000);
      const waived = await api.must('waiveFee', { id: fee.id, reason: 'Սոցիալապես անապահով ընտանիք', actId: 'act-42' }, t.head);
      expect(waived).toMatchObject({ revision: 1, status: 'waived', balanceAmd: 0, waiverReason: 'Սոցիալապես անապահով ընտանիք' });
    });

    it('is cancelled, and then accepts no payment', async () => {
      const fee = await assess(2000);
      const cancelled = await api.must('cancelFee', { id: fee.id, reason: 'Կրկնակի հաշվարկված' }, t.staff);
      expect(cancelled).toMatchObject({ revision: 1, status: 'cancelled', balanceAmd: 0, cancellationReason: 'Կրկնակի հաշվարկված' });
      const head = await api.head();
      expect((await api.refused('recordPayment', { id: fee.id, amountAmd: 2000, paidAt: new Date().toISOString(), reference: 'LATE' }, t.staff)).extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'FEE_CANCELLED',
      });
      expect(await api.head()).toBe(head);
    });
  });

  describe('legal act', () => {
    const draft = (issuer: 'council' | 'head', titleHy: string, token = t.staff) =>
      api.must('draftAct', { input: { communityId: CODE, issuer, titleHy, titleEn: `Decision: ${titleHy.length}`, text: `${titleHy}։ Ընդունել։` } }, token);
    let councilActId = '';
    const numbers: string[] = [];

    it('council act: draft → revised → public discussion with a resident comment → agenda → adopted (numbered) → published', async () => {
      let act = await draft('council', 'Տեղական տուրքերի դրույքաչափերի մասին');
      expect(act).toMatchObject({ revision: 0, status: 'draft', issuer: 'council', version: 1, number: null, communityId: CODE });
      councilActId = act.id;

      act = await api.must('reviseActDraft', { id: act.id, text: 'Սահմանել աղբահանության վճարը 300 դրամ։' }, t.staff);
      expect(act).toMatchObject({ revision: 1, status: 'draft', version: 2, text: 'Սահմանել աղբահանության վճարը 300 դրամ։' });

      act = await api.must('openActDiscussion', { id: act.id, until: daysFromToday(14) }, t.staff);
      expect(act).toMatchObject({ revision: 2, status: 'in-discussion', discussionUntil: daysFromToday(14) });

      act = await api.must('commentOnAct', { id: act.id, comment: 'Առաջարկում եմ 250 դրամ։' }, t.resident);
      expect(act).toMatchObject({ revision: 3, status: 'in-discussion', commentCount: 1 });

      act = await api.must('closeActDiscussion', { id: act.id }, t.staff);
      expect(act).toMatchObject({ revision: 4, status: 'draft', commentCount: 1 });

      act = await api.must('placeActOnAgenda', { id: act.id, sessionDate: daysFromToday(7) }, t.staff);
      expect(act).toMatchObject({ revision: 5, status: 'on-agenda', sessionDate: daysFromToday(7) });

      act = await api.must('recordActVote', { id: act.id, votesFor: 9, votesAgainst: 2, votesAbstained: 1 }, t.council);
      expect(act).toMatchObject({ revision: 6, status: 'adopted', votes: { for: 9, against: 2, abstained: 1 } });
      expect(act.number).toMatch(/^\d{4}\/\d+$/);
      numbers.push(act.number);

      act = await api.must('publishAct', { id: act.id, effectiveFrom: today() }, t.staff);
      expect(act).toMatchObject({ revision: 7, status: 'published', effectiveFrom: today(), version: 2 });
    });

    it('council act without a majority of votes cast is rejected and gets no number', async () => {
      let act = await draft('council', 'Հրապարակի վերանվանման մասին');
      act = await api.must('placeActOnAgenda', { id: act.id, sessionDate: daysFromToday(7) }, t.staff);
      act = await api.must('recordActVote', { id: act.id, votesFor: 5, votesAgainst: 4, votesAbstained: 1 }, t.council);
      expect(act).toMatchObject({ status: 'rejected', number: null, votes: { for: 5, against: 4, abstained: 1 } });
    });

    let headActId = '';
    let amendingActId = '';

    it('head decision: draft → signed by the head (numbered) → published', async () => {
      let act = await draft('head', 'Աշխատակազմի կառուցվածքի մասին');
      act = await api.must('signAct', { id: act.id }, t.head);
      expect(act).toMatchObject({ revision: 1, status: 'signed' });
      expect(act.number).toMatch(/^\d{4}\/\d+$/);
      numbers.push(act.number);
      act = await api.must('publishAct', { id: act.id, effectiveFrom: today() }, t.head);
      expect(act).toMatchObject({ revision: 2, status: 'published', version: 1, effectiveFrom: today() });
      headActId = act.id;

      let amending = await draft('head', 'Աշխատակազմի կառուցվածքում փոփոխություն կատարելու մասին', t.head);
      amending = await api.must('signAct', { id: amending.id }, t.head);
      numbers.push(amending.number);
      amending = await api.must('publishAct', { id: amending.id, effectiveFrom: today() }, t.head);
      expect(amending.status).toBe('published');
      amendingActId = amending.id;
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('is amended by a later published act (version 2, still published)', async () => {
      const text = 'Աշխատակազմի կառուցվածքը՝ նոր խմբագրությամբ։';
      const act = await api.must('amendAct', { id: headActId, amendingActId, text, effectiveFrom: daysFromToday(5) }, t.staff);
      expect(act).toMatchObject({ status: 'published', version: 2, text, effectiveFrom: daysFromToday(5), revision: 3 });
      expect(act.history).toEqual([
        expect.objectContaining({ version: 1, effectiveFrom: today(), amendingActId: null }),
        { version: 2, text, effectiveFrom: daysFromToday(5), amendingActId },
      ]);
    });

    it('is repealed from a future date and stays published until then', async () => {
      const act = await api.must('repealAct', { id: councilActId, repealingActId: amendingActId, effectiveFrom: daysFromToday(30) }, t.staff);
      expect(act).toMatchObject({ status: 'published', repealedBy: amendingActId, repealEffectiveFrom: daysFromToday(30), revision: 8 });
    });
  });

  describe('complaint', () => {
    it('online by a resident: filed → acknowledged → assigned → responded → reopened → responded → closed', async () => {
      let c = await api.must(
        'fileComplaint',
        { input: { communityId: CODE, channel: 'online', category: 'roads', subject: 'Փոսեր Շիրակացու փողոցում', description: 'Ճանապարհը վթարային վիճակում է։' } },
        t.resident,
      );
      expect(c).toMatchObject({ revision: 0, status: 'filed', channel: 'online', category: 'roads', complainantId: 'res-anahit', responseDueOn: daysFromToday(30), overdue: false });
      const id = c.id as string;
      c = await api.must('acknowledgeComplaint', { id }, t.staff);
      expect(c).toMatchObject({ revision: 1, status: 'acknowledged' });
      c = await api.must('assignComplaint', { id, assigneeId: 'roads-dept' }, t.staff);
      expect(c).toMatchObject({ revision: 2, status: 'assigned' });
      c = await api.must('respondToComplaint', { id, response: 'Փողոցը կնորոգվի մայիսին։', resolution: 'upheld' }, t.staff);
      expect(c).toMatchObject({ revision: 3, status: 'responded', resolution: 'upheld', reopenableUntil: daysFromToday(30) });
      c = await api.must('reopenComplaint', { id, reason: 'Մայիսն անցավ, նորոգում չկա։' }, t.resident);
      expect(c).toMatchObject({ revision: 4, status: 'reopened' });
      c = await api.must('respondToComplaint', { id, response: 'Նորոգումը կսկսվի հունիսին։', resolution: 'partially-upheld' }, t.head);
      expect(c).toMatchObject({ revision: 5, status: 'responded', resolution: 'partially-upheld' });
      c = await api.must('closeComplaint', { id }, t.staff);
      expect(c).toMatchObject({ revision: 6, status: 'closed' });
    });

    it('by hotline, filed by staff on a resident’s behalf, then escalated to the head and the ministry', async () => {
      let c = await api.must(
        'fileComplaint',
        {
          input: {
            communityId: CODE,
            channel: 'hotline',
            category: 'water',
            subject: 'Ջուր չկա',
            description: 'Երեք օր է՝ ջուր չկա։',
            complainantName: 'Վարդան Մկրտչյան',
            complainantId: 'res-vardan',
          },
        },
        t.staff,
      );
      expect(c).toMatchObject({ status: 'filed', channel: 'hotline', complainantId: 'res-vardan', complainantName: 'Վարդան Մկրտչյան' });
      c = await api.must('escalateComplaint', { id: c.id, to: 'head', reason: 'Երկար է տևում' }, t.staff);
      expect(c).toMatchObject({ status: 'escalated', escalatedTo: 'head', revision: 1 });
      c = await api.must('escalateComplaint', { id: c.id, to: 'ministry', reason: 'Համայնքը չի լուծում' }, t.head);
      expect(c).toMatchObject({ status: 'escalated', escalatedTo: 'ministry', revision: 2 });
      const head = await api.head();
      expect((await api.refused('escalateComplaint', { id: c.id, to: 'head', reason: 'Again' }, t.staff)).extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'COMPLAINT_ALREADY_ESCALATED',
      });
      expect(await api.head()).toBe(head);
      c = await api.must('respondToComplaint', { id: c.id, response: 'Խողովակը փոխարինված է։', resolution: 'upheld' }, t.staff);
      expect(c).toMatchObject({ status: 'responded', revision: 3 });
    });
  });
});
