/**
 * The audit trail through the running server and the CLI, as an external auditor uses it: the public tree
 * head, proofs checked with the RFC 9162 verifiers, the published key, `audit verify` on the data folder
 * (and on a tampered copy), and `events export`.
 */
import { execFile } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { verifyConsistency, verifyInclusion } from '../../application/audit/merkle';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';

const run = promisify(execFile);
const hex = (h: string) => Buffer.from(h, 'hex');

describe('audit trail end to end', () => {
  let server: RunningServer;
  let dataDir: string;
  const cli = (...args: string[]) => run(process.execPath, cliArgs(...args), { env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' } });

  beforeAll(async () => {
    server = await startServer();
    dataDir = server.dataDir;
    const ministry = (await cli('token', '--role', 'ministry')).stdout.trim();
    for (const [code, name] of [['T1', 'Գյումրի'], ['T2', 'Դիլիջան'], ['T3', 'Գորիս'], ['T4', 'Սիսիան'], ['T5', 'Վանաձոր']]) {
      const res = await server.graphql(`mutation { registerCommunity(input: {code: "${code}", nameHy: "${name}", nameEn: "${code}", province: "Lori", kind: "urban", population: 5000}) { id } }`, {}, ministry);
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes a signed tree head, inclusion and consistency proofs that an outside verifier accepts', async () => {
    type Head = { treeSize: number; rootHash: string; checkpoint: string };
    const res = await server.graphql<{
      auditTreeHead: Head;
      auditInclusionProof: { leafIndex: number; treeSize: number; leafHash: string; path: string[] };
      auditConsistencyProof: { fromSize: number; toSize: number; fromRoot: string; toRoot: string; path: string[] };
    }>('{ auditTreeHead { treeSize rootHash checkpoint } auditInclusionProof(position: "3") { leafIndex treeSize leafHash path } auditConsistencyProof(from: 2) { fromSize toSize fromRoot toRoot path } }');
    expect(res.errors).toBeUndefined();
    const { auditTreeHead: head, auditInclusionProof: inclusion, auditConsistencyProof: consistency } = res.data!;
    expect(head.treeSize).toBe(5);
    expect(head.checkpoint.split('\n').slice(1, 3)).toEqual(['5', hex(head.rootHash).toString('base64')]);
    expect(inclusion.leafIndex).toBe(2);
    expect(verifyInclusion(inclusion.leafIndex, inclusion.treeSize, hex(inclusion.leafHash), inclusion.path.map(hex), hex(head.rootHash))).toBe(true);
    expect(verifyInclusion(inclusion.leafIndex, inclusion.treeSize, hex('00'.repeat(32)), inclusion.path.map(hex), hex(head.rootHash))).toBe(false);
    expect(consistency.toRoot).toBe(head.rootHash);
    expect(verifyConsistency(consistency.fromSize, consistency.toSize, consistency.path.map(hex), hex(consistency.fromRoot), hex(consistency.toRoot))).toBe(true);
    expect(verifyConsistency(consistency.fromSize, consistency.toSize, consistency.path.map(hex), hex(consistency.toRoot), hex(consistency.toRoot))).toBe(false);

    // The checkpoint's signature verifies with the published public key (C2SP signed note: 4-byte key id, then the signature).
    const pem = await (await fetch(`${server.url}/audit/public-key`)).text();
    const [body, signatureLine] = head.checkpoint.split('\n\n');
    const signature = Buffer.from(signatureLine.trim().split(' ').pop()!, 'base64').subarray(4);
    expect(verifySignature(null, Buffer.from(`${body}\n`), createPublicKey(pem), signature)).toBe(true);
  });

  it('rejects bad proof requests with clear codes', async () => {
    const res = await server.graphql('{ auditInclusionProof(position: "999") { leafIndex } }');
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const bad = await server.graphql('{ auditConsistencyProof(from: 9, to: 3) { path } }');
    expect(bad.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('exports the log as NDJSON and CloudEvents, Armenian text intact', async () => {
    const ndjson = (await cli('events', 'export')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.map((e) => e.position)).toEqual(['1', '2', '3', '4', '5']);
    expect(ndjson[0].data.nameHy).toBe('Գյումրի');
    const cloud = (await cli('events', 'export', '--format', 'cloudevents', '--from', '3')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(cloud).toHaveLength(2);
    expect(cloud[0]).toMatchObject({ specversion: '1.0', type: 'am.hamaynk.community.CommunityRegistered', subject: 'community-T4', datacontenttype: 'application/json', position: '4' });
    expect(cloud[1].data.nameHy).toBe('Վանաձոր');
  });

  it('audit verify passes on the data folder, and finds one changed byte on a copy, at its position', async () => {
    await server.stop();
    const ok = await cli('audit', 'verify');
    expect(ok.stdout).toMatch(/^audit verify: OK — 5 events/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-tamper-'));
    fs.cpSync(dataDir, copy, { recursive: true });
    const db = new Database(path.join(copy, 'events.sqlite'));
    db.prepare("UPDATE events SET data = CAST(replace(CAST(data AS TEXT), 'Սիսիան', 'Սիսիաn') AS BLOB) WHERE position = 4").run();
    db.close();
    const tampered = (await run(process.execPath, cliArgs('audit', 'verify'), { env: { ...process.env, DATA_DIR: copy } }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/position 4/);
    fs.rmSync(copy, { recursive: true, force: true });
  });
});
