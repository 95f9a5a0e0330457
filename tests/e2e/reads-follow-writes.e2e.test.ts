/**
 * Reads that follow writes (docs/reads-follow-writes.md), on real servers: every mutation answers `extensions.position`; a
 * caller's query right after its own mutation shows it (no argument needed), another client gets the same
 * with `Hamaynk-After-Position`; with the read models behind and nobody running them, the query fails
 * STALE_READ after the wait instead of answering stale data; and it all holds with the projector in another
 * process and with two API processes, because the caller's last position lives in the shared store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';
import { daysFromToday, httpRequest, mintTokens, type GqlError } from './support/api';

interface Answer<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly GqlError[];
  readonly extensions?: { readonly position?: string | null; readonly [key: string]: unknown };
}

/** One POST /graphql keeping what a client sees: status, data, errors and extensions. */
const post = async <T = Record<string, unknown>>(
  server: Pick<RunningServer, 'url'>,
  query: string,
  variables: Record<string, unknown>,
  options: { token?: string; after?: string } = {},
): Promise<Answer<T>> => {
  const { status, text } = await httpRequest(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.after !== undefined ? { 'Hamaynk-After-Position': options.after } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status, ...(JSON.parse(text) as Omit<Answer<T>, 'status'>) };
};

const must = <T>(answer: Answer<T>): T => {
  if (answer.errors?.length || !answer.data) throw new Error(`unexpected answer (HTTP ${answer.status}): ${JSON.stringify(answer)}`);
  return answer.data;
};

const REGISTER = `mutation($input: RegisterCommunityInput!, $commandId: ID) { registerCommunity(input: $input, commandId: $commandId) { id revision } }`;
const ASSESS = `mutation($input: AssessFeeInput!, $commandId: ID) { assessFee(input: $input, commandId: $commandId) { id revision paidAmd } }`;
const PAY = `mutation($id: ID!, $amountAmd: Amd!, $reference: String!, $paidAt: String!) { recordPayment(id: $id, amountAmd: $amountAmd, reference: $reference, paidAt: $paidAt) { id revision paidAmd } }`;
const FEE = `query($id: ID!) { fee(id: $id) { id revision paidAmd } }`;
const COMMUNITY = `query($id: ID!) { community(id: $id) { id nameHy population } }`;

const community = (code: string, nameHy: string) => ({ input: { code, nameHy, nameEn: code, province: 'Shirak', kind: 'urban', population: 110_000 } });
const feeInput = (communityId: string) => ({
  input: { communityId, payerId: 'res-7', payerName: 'Անահիտ Մարտիրոսյան', code: 'trade', amountAmd: 1_000_000, dueOn: daysFromToday(30), basis: 'Որոշում N 12' },
});

const health = async (server: Pick<RunningServer, 'url'>) => JSON.parse((await httpRequest(`${server.url}/health`)).text) as { head: string | null; projections: Record<string, { position: string | null }> };

/** `hamaynk projector` in a process of its own; `stop` lets it finish starting (it then stops cleanly on SIGTERM). */
const startProjector = (dataDir: string): { child: ChildProcess; running: () => Promise<void>; stop: () => Promise<number | null> } => {
  const child = spawn(process.execPath, cliArgs('projector'), { env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = async () => {
    const deadline = Date.now() + 60_000;
    while (!out.includes('is running') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!out.includes('is running')) throw new Error(`the projector did not start: ${out}`);
  };
  return {
    child,
    running,
    stop: async () => {
      await running().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};

/** Pays `times` payments of 100 drams, each followed at once by the reader's fee query; returns the paidAmd each read saw against the one the payment answered. */
const payThenRead = async (
  writer: Pick<RunningServer, 'url'>,
  reader: Pick<RunningServer, 'url'>,
  feeId: string,
  times: number,
  tokens: { writer: string; reader: string; useHeader: boolean },
): Promise<Array<{ paid: number; seen: number; position: string }>> => {
  const out: Array<{ paid: number; seen: number; position: string }> = [];
  for (let i = 0; i < times; i++) {
    const payment = await post<{ recordPayment: { paidAmd: number } }>(
      writer,
      PAY,
      { id: feeId, amountAmd: 100, reference: `PAY-${Date.now()}-${i}-${Math.random()}`, paidAt: new Date().toISOString() },
      { token: tokens.writer },
    );
    const paid = must(payment).recordPayment.paidAmd;
    const position = payment.extensions?.position as string;
    const read = await post<{ fee: { paidAmd: number } }>(reader, FEE, { id: feeId }, { token: tokens.reader, after: tokens.useHeader ? position : undefined });
    out.push({ paid, seen: must(read).fee.paidAmd, position });
  }
  return out;
};

describe('reads that follow writes: serve (projections in the server)', () => {
  let server: RunningServer;
  let t: Record<'ministry' | 'staff' | 'auditor' | 'otherStaff', string>;
  let feeId: string;

  beforeAll(async () => {
    server = await startServer();
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry', sub: 'minister-1' },
      staff: { role: 'staff', sub: 'clerk-1', community: 'GY-RFW' },
      otherStaff: { role: 'staff', sub: 'clerk-2', community: 'GY-RFW' },
      auditor: { role: 'auditor', sub: 'auditor-1' },
    });
    must(await post(server, REGISTER, community('GY-RFW', 'Գյումրի'), { token: t.ministry }));
    feeId = must(await post<{ assessFee: { id: string } }>(server, ASSESS, feeInput('GY-RFW'), { token: t.staff })).assessFee.id;
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('every mutation answers extensions.position: the global position of the last event it appended, as decimal digits', async () => {
    const answer = await post<{ registerCommunity: { id: string } }>(server, REGISTER, community('GY-POS', 'Արթիկ'), { token: t.ministry });
    must(answer);
    expect(answer.extensions?.position).toMatch(/^[1-9]\d*$/);
    // Nothing was appended after it: it is the log's head.
    expect((await health(server)).head).toBe(answer.extensions?.position);
  });

  it('a repeated commandId appends nothing and answers the position of the first time', async () => {
    const commandId = `rfw-assess-${Date.now()}`;
    const first = await post<{ assessFee: { id: string } }>(server, ASSESS, { ...feeInput('GY-RFW'), commandId }, { token: t.staff });
    const head = (await health(server)).head;
    const again = await post<{ assessFee: { id: string } }>(server, ASSESS, { ...feeInput('GY-RFW'), commandId }, { token: t.staff });
    expect(must(again).assessFee.id).toBe(must(first).assessFee.id);
    expect(first.extensions?.position).toMatch(/^\d+$/);
    expect(again.extensions?.position).toBe(first.extensions?.position);
    expect((await health(server)).head).toBe(head);
  });

  it('a mutation that appends nothing (a payment reference already recorded) answers position null', async () => {
    const payment = { id: feeId, amountAmd: 100, reference: `ONCE-${Date.now()}`, paidAt: new Date().toISOString() };
    const first = await post<{ recordPayment: { paidAmd: number } }>(server, PAY, payment, { token: t.staff });
    const again = await post<{ recordPayment: { paidAmd: number } }>(server, PAY, payment, { token: t.staff });
    expect(must(again).recordPayment.paidAmd).toBe(must(first).recordPayment.paidAmd);
    expect(first.extensions?.position).toMatch(/^\d+$/);
    expect(again.extensions).toEqual({ position: null });
    expect((await health(server)).head).toBe(first.extensions?.position);
  });

  it('a refused mutation appends nothing and answers no position', async () => {
    const answer = await post(server, PAY, { id: feeId, amountAmd: 0, reference: 'ZERO', paidAt: new Date().toISOString() }, { token: t.staff });
    expect(answer.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(answer.extensions?.position).toBeUndefined();
  });

  it('20 of 20 fee queries right after the caller’s own recordPayment show the payment, with no extra argument', async () => {
    const rounds = await payThenRead(server, server, feeId, 20, { writer: t.staff, reader: t.staff, useHeader: false });
    expect(rounds.filter((r) => r.seen >= r.paid)).toHaveLength(20);
    expect(rounds.map((r) => r.seen)).toEqual(rounds.map((r) => r.paid));
  });

  it('another client sees the payment when it names the position in Hamaynk-After-Position', async () => {
    const rounds = await payThenRead(server, server, feeId, 20, { writer: t.staff, reader: t.auditor, useHeader: true });
    expect(rounds.map((r) => r.seen)).toEqual(rounds.map((r) => r.paid));
  });

  it('a position that is not decimal digits is VALIDATION_FAILED naming the header', async () => {
    for (const bad of ['abc', '-1', '12.5', '1e6', '']) {
      const answer = await post(server, FEE, { id: feeId }, { token: t.auditor, after: bad });
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['Hamaynk-After-Position'] });
    }
  });

  it('a position beyond the log’s head is refused at once, not waited for', async () => {
    const head = BigInt((await health(server)).head ?? '0');
    const started = Date.now();
    const answer = await post(server, FEE, { id: feeId }, { token: t.auditor, after: String(head + 1000n) });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['Hamaynk-After-Position'], reason: 'POSITION_NOT_RECORDED' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('Armenian text written by a mutation reads back whole right after it', async () => {
    const nameHy = 'Ախուրյան — Շիրակի մարզ';
    must(await post(server, REGISTER, community('GY-HY', nameHy), { token: t.ministry }));
    const read = must(await post<{ community: { nameHy: string } }>(server, COMMUNITY, { id: 'GY-HY' }, { token: t.ministry }));
    expect(read.community.nameHy).toBe(nameHy);
  });
});

describe('reads that follow writes: serve --projections off', () => {
  let server: RunningServer;
  let second: RunningServer | undefined;
  let t: Record<'ministry' | 'staff' | 'auditor', string>;

  beforeAll(async () => {
    // A shorter wait than the 5 s default, so that the stale case answers sooner.
    server = await startServer({ READ_WAIT_MS: '1500' }, { args: ['--projections', 'off'] });
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry', sub: 'minister-1' },
      staff: { role: 'staff', sub: 'clerk-1', community: 'GY-OFF' },
      auditor: { role: 'auditor', sub: 'auditor-1' },
    });
    // The community the fees below are assessed in (the command side reads it from the log).
    must(await post(server, REGISTER, community('GY-OFF', 'Գյումրի'), { token: t.ministry }));
  });
  afterAll(async () => {
    await second?.stop();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('with no projector running, the caller’s query fails STALE_READ after the wait; others get what the read models hold', async () => {
    const written = await post(server, REGISTER, community('GY-STALE', 'Սպիտակ'), { token: t.ministry });
    must(written);
    const position = written.extensions?.position as string;

    const started = Date.now();
    const stale = await post(server, COMMUNITY, { id: 'GY-STALE' }, { token: t.ministry });
    const waited = Date.now() - started;
    expect(stale.data ?? null).toBeNull();
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'STALE_READ', position, readModels: ['cases'] });
    expect(waited).toBeGreaterThanOrEqual(1400);
    expect(waited).toBeLessThan(4500);

    // The same for another client naming the position…
    expect((await post(server, COMMUNITY, { id: 'GY-STALE' }, { token: t.auditor, after: position })).errors?.[0].extensions?.code).toBe('STALE_READ');
    // …while one that names none reads the read models as they are (still without the community),
    expect(must(await post<{ community: unknown }>(server, COMMUNITY, { id: 'GY-STALE' }, {})).community).toBeNull();
    // and a query that reads no read model answers at once.
    expect(must(await post<{ serverInfo: { head: string } }>(server, '{ serverInfo { head } }', {}, { token: t.ministry })).serverInfo.head).toBe(position);
  });

  it('with the projector in another process, the caller’s reads follow its writes (20 of 20)', async () => {
    must(await post(server, REGISTER, community('GY-OFF2', 'Վանաձոր'), { token: t.ministry }));
    const projector = startProjector(server.dataDir);
    try {
      await projector.running();
      const read = must(await post<{ community: { id: string } | null }>(server, COMMUNITY, { id: 'GY-OFF2' }, { token: t.ministry }));
      expect(read.community?.id).toBe('GY-OFF2');
      const feeId = must(await post<{ assessFee: { id: string } }>(server, ASSESS, feeInput('GY-OFF'), { token: t.staff })).assessFee.id;
      const rounds = await payThenRead(server, server, feeId, 20, { writer: t.staff, reader: t.staff, useHeader: false });
      expect(rounds.map((r) => r.seen)).toEqual(rounds.map((r) => r.paid));
    } finally {
      expect(await projector.stop()).toBe(0);
    }
  }, 120_000);

  it('with two API processes, a write answered by one is followed by the caller’s read on the other (20 of 20)', async () => {
    const projector = startProjector(server.dataDir);
    try {
      second = await startServer({ READ_WAIT_MS: '5000' }, { dataDir: server.dataDir, args: ['--projections', 'off'] });
      const feeId = must(await post<{ assessFee: { id: string } }>(server, ASSESS, feeInput('GY-OFF'), { token: t.staff })).assessFee.id;
      const rounds = await payThenRead(server, second, feeId, 20, { writer: t.staff, reader: t.staff, useHeader: false });
      expect(rounds.map((r) => r.seen)).toEqual(rounds.map((r) => r.paid));
    } finally {
      expect(await projector.stop()).toBe(0);
    }
  }, 120_000);
});
