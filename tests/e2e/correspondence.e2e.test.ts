/**
 * Correspondence over GraphQL against the real server (`hamaynk serve`): a letter registered, routed by a
 * resolution with a control date in working days, executed and closed, and counted in the transparency
 * report; an outgoing letter signed and dispatched to another community on the system arrives in that
 * community's incoming journal, both sides linked; every refusal is a typed error that appends nothing
 * (the log head of /health does not move).
 */
import fs from 'node:fs';
import { STATUTORY, isWorkingDay } from '../../domain/working-days/calendar';
import { startServer, type RunningServer } from '../support/server-process';
import { gql, logHead, mintTokens, today, type View } from './support/api';

const GY = 'SH-GYU';
const DI = 'TV-DIL';
const DOCUMENT_FIELDS =
  'id revision communityId journal number year status subject controlDueOn overdue executors inReplyTo replies linkedDocumentId channel senderName senderCommunityId recipientCommunityId dispatchedVia executedOnTime';

describe('GraphQL API: correspondence', () => {
  let server: RunningServer;
  let t: Record<'ministry' | 'clerk' | 'head' | 'dilijanClerk' | 'nowhereClerk', string>;

  /** The mutation's Document, or throws with the server's answer. */
  const must = async (mutation: string, variables: Record<string, unknown>, token: string): Promise<View> => {
    const res = await gql<Record<string, View>>(server, mutation, variables, token);
    const field = Object.keys(res.data ?? {})[0];
    if (res.errors?.length || field === undefined || !res.data![field]) throw new Error(`answered ${res.text.slice(0, 800)}`);
    return res.data![field];
  };
  /** The one error of a refused mutation; the log head is where it was. */
  const refused = async (mutation: string, variables: Record<string, unknown>, token: string): Promise<{ code?: string; reason?: string }> => {
    const head = await logHead(server);
    const res = await gql(server, mutation, variables, token);
    expect(res.errors).toHaveLength(1);
    expect(await logHead(server)).toBe(head);
    return { code: res.errors![0].extensions?.code, reason: (res.errors![0].extensions as { reason?: string } | undefined)?.reason };
  };

  const REGISTER_INCOMING = `mutation($input: RegisterIncomingDocumentInput!) { registerIncomingDocument(input: $input) { ${DOCUMENT_FIELDS} } }`;
  const REGISTER_OUTGOING = `mutation($input: RegisterOutgoingDocumentInput!) { registerOutgoingDocument(input: $input) { ${DOCUMENT_FIELDS} } }`;
  const ISSUE_RESOLUTION = `mutation($documentId: ID!, $executorIds: [ID!]!, $instruction: String!, $controlWorkingDays: Int, $controlDueOn: String) {
    issueResolution(documentId: $documentId, executorIds: $executorIds, instruction: $instruction, controlWorkingDays: $controlWorkingDays, controlDueOn: $controlDueOn) { ${DOCUMENT_FIELDS} } }`;
  const REPORT_EXECUTION = `mutation($documentId: ID!, $report: String!) { reportExecution(documentId: $documentId, report: $report) { ${DOCUMENT_FIELDS} } }`;
  const CLOSE = `mutation($id: ID!) { closeDocument(id: $id) { ${DOCUMENT_FIELDS} } }`;
  const CANCEL = `mutation($id: ID!, $reason: String!) { cancelRegistration(id: $id, reason: $reason) { ${DOCUMENT_FIELDS} } }`;
  const SIGN = `mutation($id: ID!) { signOutgoingDocument(id: $id) { ${DOCUMENT_FIELDS} } }`;
  const DISPATCH = `mutation($id: ID!, $via: String) { dispatchDocument(id: $id, via: $via) { ${DOCUMENT_FIELDS} } }`;

  /** A clerk of Gyumri in the staff directory (a 10-digit personal id). */
  const CLERK_GY = '0800199001';

  const letter = (overrides: Record<string, unknown> = {}) => ({
    input: { communityId: GY, senderName: 'Շիրակի մարզպետարան', senderReference: '01/2345', receivedOn: today(), subject: 'Ճանապարհների վերանորոգման ծրագիր', channel: 'post', ...overrides },
  });

  beforeAll(async () => {
    server = await startServer();
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry', sub: 'minister-1' },
      clerk: { role: 'staff', sub: CLERK_GY, community: GY },
      head: { role: 'head', sub: 'head-gy', community: GY },
      dilijanClerk: { role: 'staff', sub: 'clerk-di', community: DI },
      nowhereClerk: { role: 'staff', sub: 'clerk-x', community: 'NO-SUCH' },
    });
    for (const [code, nameHy, nameEn] of [
      [GY, 'Գյումրի', 'Gyumri'],
      [DI, 'Դիլիջան', 'Dilijan'],
    ]) {
      await must(
        `mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { id } }`,
        { input: { code, nameHy, nameEn, province: 'Shirak', kind: 'urban', population: 20_000, occurredAt: '2016-06-01T09:00:00+04:00' } },
        t.ministry,
      );
    }
    // A resolution names executors the staff directory has appointed in the document's community.
    await must(`mutation { appointStaff(communityId: "${GY}", personalId: "${CLERK_GY}", role: "staff", name: "Անի Հակոբյան") { id } }`, {}, t.ministry);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('register → resolution (working days) → execution → close, and the transparency report counts it', async () => {
    const registered = await must(REGISTER_INCOMING, letter(), t.clerk);
    expect(registered).toMatchObject({ journal: 'incoming', number: '1', status: 'registered', subject: 'Ճանապարհների վերանորոգման ծրագիր', senderName: 'Շիրակի մարզպետարան', channel: 'post' });
    const second = await must(REGISTER_INCOMING, letter({ subject: 'Երկրորդ նամակ' }), t.clerk);
    expect(second.number).toBe('2');

    const resolved = await must(ISSUE_RESOLUTION, { documentId: registered.id, executorIds: [CLERK_GY], instruction: 'Պատրաստել պատասխան', controlWorkingDays: 5 }, t.head);
    expect(resolved).toMatchObject({ status: 'in-execution', executors: [CLERK_GY], overdue: false });
    expect(resolved.controlDueOn > today()).toBe(true);
    expect(isWorkingDay(STATUTORY, resolved.controlDueOn)).toBe(true);

    const executed = await must(REPORT_EXECUTION, { documentId: registered.id, report: 'Պատասխանը ուղարկված է' }, t.clerk);
    expect(executed).toMatchObject({ status: 'executed', executedOnTime: true });
    expect(await must(CLOSE, { id: registered.id }, t.clerk)).toMatchObject({ status: 'closed', number: '1' });

    // The read side: the journal (this token's writes are awaited) and the report (kept by its own projection: polled).
    const journal = await gql<{ documents: { nodes: View[]; totalCount: number } }>(server, `{ documents(communityId: "${GY}", journal: "incoming") { totalCount nodes { id number status } } }`, {}, t.clerk);
    expect(journal.data?.documents.nodes.map((n) => [n.number, n.status])).toEqual([
      ['2', 'registered'],
      ['1', 'closed'],
    ]);
    const query = `{ transparencyReport(communityId: "${GY}") { documentsRegistered documentsExecuted documentsExecutedOnTime documentsOverdue } }`;
    const expected = { documentsRegistered: 2, documentsExecuted: 1, documentsExecutedOnTime: 1, documentsOverdue: 0 };
    let report: unknown;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      report = (await gql<{ transparencyReport: unknown }>(server, query)).data?.transparencyReport;
      if (JSON.stringify(report) === JSON.stringify(expected)) break;
    }
    expect(report).toEqual(expected);
  });

  it('an interagency dispatch registers the letter in the recipient’s incoming journal, each side linking the other', async () => {
    const reply = await must(REGISTER_OUTGOING, { input: { communityId: GY, recipientName: 'Դիլիջանի համայնքապետարան', recipientCommunityId: DI, subject: 'Համագործակցության առաջարկ', text: 'Առաջարկում ենք…' } }, t.clerk);
    expect(reply).toMatchObject({ journal: 'outgoing', number: '1', status: 'registered', recipientCommunityId: DI });
    expect(await must(SIGN, { id: reply.id }, t.head)).toMatchObject({ status: 'signed' });
    const dispatched = await must(DISPATCH, { id: reply.id }, t.clerk);
    expect(dispatched).toMatchObject({ status: 'dispatched', dispatchedVia: 'interagency' });
    expect(dispatched.linkedDocumentId).toEqual(expect.any(String));

    const inDilijan = await gql<{ documents: { nodes: View[] } }>(server, `{ documents(communityId: "${DI}", journal: "incoming") { nodes { ${DOCUMENT_FIELDS} } } }`, {}, t.dilijanClerk);
    let nodes = inDilijan.data?.documents.nodes ?? [];
    // Written by another caller's token: polled until the read model has it.
    for (const deadline = Date.now() + 10_000; nodes.length === 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      nodes = (await gql<{ documents: { nodes: View[] } }>(server, `{ documents(communityId: "${DI}", journal: "incoming") { nodes { ${DOCUMENT_FIELDS} } } }`, {}, t.dilijanClerk)).data?.documents.nodes ?? [];
    }
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      id: dispatched.linkedDocumentId,
      communityId: DI,
      journal: 'incoming',
      number: '1',
      channel: 'interagency',
      senderCommunityId: GY,
      linkedDocumentId: reply.id,
      subject: 'Համագործակցության առաջարկ',
    });
  });

  it('refuses bad input and forbidden callers with typed errors, appending nothing', async () => {
    const doc = await must(REGISTER_INCOMING, letter({ subject: 'Չեղարկվող' }), t.clerk);
    await must(CANCEL, { id: doc.id, reason: 'Կրկնակի գրանցում' }, t.clerk);
    const unsigned = await must(REGISTER_OUTGOING, { input: { communityId: GY, recipientName: 'Քաղաքացի', subject: 'Պատասխան', text: 'Տեքստ' } }, t.clerk);

    expect(await refused(REGISTER_INCOMING, letter({ subject: '   ' }), t.clerk)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused(REGISTER_INCOMING, letter({ communityId: 'NO-SUCH' }), t.nowhereClerk)).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'UNKNOWN_COMMUNITY' });
    expect(await refused(REGISTER_INCOMING, letter({ communityId: DI }), t.clerk)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(ISSUE_RESOLUTION, { documentId: unsigned.id, executorIds: [CLERK_GY], instruction: 'x', controlWorkingDays: -3 }, t.head)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused(ISSUE_RESOLUTION, { documentId: doc.id, executorIds: [CLERK_GY], instruction: 'Կատարել', controlWorkingDays: 5 }, t.head)).toMatchObject({
      code: 'INVALID_TRANSITION',
      reason: 'DOCUMENT_CANCELLED',
    });
    expect(await refused(DISPATCH, { id: unsigned.id, via: 'post' }, t.clerk)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'DOCUMENT_NOT_SIGNED' });
    expect(await refused(SIGN, { id: unsigned.id }, t.clerk)).toMatchObject({ code: 'FORBIDDEN' });
    // The cancelled document's number stays taken: the next letter takes the next one.
    expect((await must(REGISTER_INCOMING, letter({ subject: 'Հաջորդ նամակ' }), t.clerk)).number).toBe(String(Number(doc.number) + 1));
  });
});
