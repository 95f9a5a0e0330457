/**
 * A workspace to test the pages against: the real composition (embedded stores in a fresh folder, the
 * projections running in process, reads that follow writes), one community with two services, and the
 * staff pages on a fastify server listening on a free port (fastify's inject needs a dependency jest cannot
 * load on Node 20, so tests speak HTTP). Only for tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { SessionStore } from '../../application/ports/sessions';
import { signToken, type TokenClaims } from '../../infrastructure/auth/jwt';
import { SqliteSessionStore } from '../../infrastructure/sqlite/sqlite-session-store';
import { createHamaynk, openReadsFollowWrites, type Hamaynk } from '../composition';
import { loadConfig } from '../config';
import { buildServer } from '../http/server';
import { registerFileDownloads } from '../http/files';
import { registerStaffPages } from '.';

export const COMMUNITY = 'AM-T01';
export const OTHER_COMMUNITY = 'AM-T02';
const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };

export interface TestWorkspace {
  readonly hamaynk: Hamaynk;
  readonly base: string;
  readonly app: FastifyInstance;
  token(claims: TokenClaims): Promise<string>;
  /** The server's browser sessions (a test writes a signed-in session there, as the sign-in callback would) and their cookie secret. */
  readonly sessions: SessionStore;
  readonly sessionSecret: string;
  close(): Promise<void>;
}

export const startTestWorkspace = async (): Promise<TestWorkspace> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-staff-'));
  const config = loadConfig({ DATA_DIR: dataDir, SEED: 'none', RATE_LIMIT_PER_MINUTE: '0' });
  const hamaynk = await createHamaynk(config, { eventStore: { writerThread: false, liveIntervalMs: 5 } });
  const reads = openReadsFollowWrites(config, hamaynk.readStore);
  const supervisor = await hamaynk.startProjections(undefined, { onApplied: () => reads.readsFollowWrites.nudge() });
  for (const [code, nameEn] of [
    [COMMUNITY, 'Testavan'],
    [OTHER_COMMUNITY, 'Othertown'],
  ] as const) {
    await hamaynk.commands.registerCommunity({ input: { code, nameHy: `Թեստ ${nameEn}`, nameEn, province: 'Shirak', kind: 'urban', population: 5000 } }, { actor: MINISTRY });
    await hamaynk.commands.offerService(
      { communityId: code, input: { code: 'building-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Building permit', feeAmd: 12500, deadlineDays: 20, issues: 'permit' } },
      { actor: MINISTRY },
    );
    await hamaynk.commands.offerService(
      { communityId: code, input: { code: 'residence-certificate', nameHy: 'Բնակության տեղեկանք', nameEn: 'Residence certificate', feeAmd: 0, deadlineDays: 5, issues: 'certificate' } },
      { actor: MINISTRY },
    );
  }
  // The server as `hamaynk serve` builds it (callers from bearer tokens or sessions, CSRF), with the workspace's routes.
  const sessions = new SqliteSessionStore(path.join(dataDir, 'sessions.sqlite'));
  const sessionSecret = 'staff-pages-test-session-secret-0123456789abcdef';
  const app = await buildServer({
    eventStore: hamaynk.eventStore,
    tokenKeys: hamaynk.tokenKeys,
    people: hamaynk.people,
    rateLimitPerMinute: 0,
    graphiql: false,
    browserSessions: { store: sessions, secret: sessionSecret, idleHours: 8 },
    routes: async (server) => {
      // The application page links its files to the server's download route.
      registerFileDownloads(server, hamaynk);
      await registerStaffPages(server, { ...hamaynk, readsFollowWrites: reads.readsFollowWrites });
    },
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    hamaynk,
    base,
    app,
    token: (claims) => signToken(hamaynk.tokenKeys, claims),
    sessions,
    sessionSecret,
    close: async () => {
      await app.close();
      await sessions.close();
      await supervisor.stop();
      await reads.close();
      await hamaynk.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
