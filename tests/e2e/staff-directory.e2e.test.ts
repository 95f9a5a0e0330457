/**
 * The staff directory over the real server and the real CLI: `hamaynk appoint` bootstraps the first
 * ministry official; the official appoints a clerk; `staffDirectory` lists them; the clerk's token acts
 * as staff of the directory's community whatever it claims; once dismissed, the very same token no
 * longer acts as staff — at the next request, with nothing appended by the refused command.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';
import { apiClient, daysFromToday, gql, mintTokens, onlyError } from './support/api';

const run = promisify(execFile);

const A = 'SD-GAV';
const B = 'SD-SEV';
const MINISTER = '1000000701';
const CLERK = '2000000701';
const CLERK_NAME = 'Անահիտ Մկրտչյան-Ղազարյան';

const DIRECTORY = 'query($c: ID!) { staffDirectory(communityId: $c) { id revision status personalId name role communityId appointedAt appointedOn dismissedAt } }';

describe('staff directory (server and CLI)', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'bootstrap' | 'minister' | 'clerk' | 'clerkClaimingB' | 'resident', string>;

  const appointCli = (...args: string[]) => run(process.execPath, cliArgs('appoint', ...args), { env: { ...process.env, DATA_DIR: server.dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' } });

  const feeInput = (communityId = A) => ({
    input: { communityId, payerId: 'res-1', payerName: 'Լիլիթ Գասպարյան', code: 'land-tax', amountAmd: 5000, dueOn: daysFromToday(30), basis: 'Որոշում N 3' },
  });

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    t = await mintTokens(server.dataDir, {
      // A development ministry token (a subject the directory never saw): it keeps its claims.
      bootstrap: { role: 'ministry' },
      // The minister's token claims only a resident: the directory makes them ministry.
      minister: { role: 'resident', sub: MINISTER, acr: 'eid' },
      clerk: { role: 'staff', sub: CLERK, community: A, acr: 'password' },
      // The same person with a token that claims another community: the directory's community counts.
      clerkClaimingB: { role: 'staff', sub: CLERK, community: B, acr: 'password' },
      resident: { role: 'resident', sub: 'res-1', acr: 'eid' },
    });
    for (const [code, nameHy, nameEn] of [[A, 'Գավառ', 'Gavar'], [B, 'Սևան', 'Sevan']]) {
      await api.must('registerCommunity', { input: { code, nameHy, nameEn, province: 'Gegharkunik', kind: 'urban', population: 20_000 } }, t.bootstrap);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('hamaynk appoint refuses a bad personal id with one line and appends nothing', async () => {
    const head = await api.head();
    const failed = await appointCli('--role', 'ministry', '--personal-id', '12345', '--name', 'Ա Բ').then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr?.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toMatch(/^hamaynk: .*personalId/);
    const noCommunity = await appointCli('--role', 'staff', '--personal-id', CLERK, '--name', 'Ա Բ').catch((e: { stderr?: string }) => e);
    expect((noCommunity as { stderr?: string }).stderr).toMatch(/--community is needed/);
    expect(await api.head()).toBe(head);
  }, 60_000);

  it('hamaynk appoint bootstraps the first ministry official, whose token then acts as ministry', async () => {
    const before = await gql(server, 'mutation { appointOfficial(personalId: "1000000702", role: "auditor", name: "Ա Բ") { id } }', undefined, t.minister);
    expect(onlyError(before).extensions?.code).toBe('FORBIDDEN');
    const { stdout } = await appointCli('--role', 'ministry', '--personal-id', MINISTER, '--name', 'Տիգրան Պետրոսյան');
    expect(stdout.trim()).toBe(`appointed: Տիգրան Պետրոսյան (${MINISTER}) as ministry`);
    const again = await appointCli('--role', 'ministry', '--personal-id', MINISTER, '--name', 'Տիգրան Պետրոսյան');
    expect(again.stdout.trim()).toBe(`already appointed: Տիգրան Պետրոսյան (${MINISTER}) as ministry`);
    const auditor = await api.must('appointOfficial', { personalId: '1000000702', role: 'auditor', name: 'Լիլիթ Սարգսյան' }, t.minister);
    expect(auditor).toMatchObject({ id: '1000000702', revision: 0, status: 'appointed', role: 'auditor', communityId: null });
  }, 60_000);

  it('appoint → staffDirectory shows it → the clerk acts in the directory’s community → dismiss → the same token acts as staff no more', async () => {
    const appointed = await api.must('appointStaff', { communityId: A, personalId: CLERK, role: 'staff', name: CLERK_NAME }, t.minister);
    expect(appointed).toMatchObject({ id: CLERK, status: 'appointed', personalId: CLERK, name: CLERK_NAME, role: 'staff', communityId: A, dismissedAt: null });

    // The minister's read follows their own write: the clerk is listed, and the national officials with them.
    const listed = await gql<{ staffDirectory: Array<Record<string, unknown>> }>(server, DIRECTORY, { c: A }, t.minister);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.staffDirectory.map((p) => [p.personalId, p.role, p.communityId, p.name])).toEqual([
      [CLERK, 'staff', A, CLERK_NAME],
      [MINISTER, 'ministry', null, 'Տիգրան Պետրոսյան'],
      ['1000000702', 'auditor', null, 'Լիլիթ Սարգսյան'],
    ]);
    expect(listed.data?.staffDirectory[0]).toMatchObject({ id: CLERK, status: 'appointed', revision: 0, appointedOn: appointed.appointedOn });
    expect(onlyError(await gql(server, DIRECTORY, { c: A }, t.resident)).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await gql(server, DIRECTORY, { c: A })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await gql(server, DIRECTORY, { c: B }, t.clerk)).extensions?.code).toBe('FORBIDDEN');

    // The directory, not the token, says where the clerk works.
    expect(await api.must('assessFee', feeInput(A), t.clerkClaimingB)).toMatchObject({ communityId: A, status: 'due' });
    expect(onlyError(await api.send('assessFee', feeInput(B), t.clerkClaimingB)).extensions?.code).toBe('FORBIDDEN');

    const dismissed = await api.must('dismissStaff', { communityId: A, personalId: CLERK }, t.minister);
    expect(dismissed).toMatchObject({ id: CLERK, revision: 1, status: 'dismissed', role: 'staff', communityId: A });
    const head = await api.head();
    expect(onlyError(await api.send('assessFee', feeInput(A), t.clerk)).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await gql(server, DIRECTORY, { c: A }, t.clerk)).extensions?.code).toBe('FORBIDDEN');
    expect(await api.head()).toBe(head);
    const after = await gql<{ staffDirectory: Array<{ personalId: string }> }>(server, DIRECTORY, { c: A }, t.minister);
    expect(after.data?.staffDirectory.map((p) => p.personalId)).toEqual([MINISTER, '1000000702']);

    // Dismissing again is a domain error, and appends nothing.
    const again = onlyError(await api.send('dismissStaff', { communityId: A, personalId: CLERK }, t.minister));
    expect(again.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NOT_APPOINTED' });
    expect(await api.head()).toBe(head);
  });
});
