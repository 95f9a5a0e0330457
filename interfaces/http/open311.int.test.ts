/**
 * Open311 GeoReport v2 through a client written from the specification (tests/support/open311-client.ts):
 * a community's complaint categories as services, filing a complaint with a key the ministry registered,
 * following it to its response, the specification's filters and errors, in JSON and XML.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import { COMPLAINT_CATEGORIES } from '../../domain/complaint';
import { signToken } from '../../infrastructure/auth/jwt';
import { Open311ApiError, Open311Client, type ServiceRequest } from '../../tests/support/open311-client';
import { createHamaynk, type Hamaynk } from '../composition';
import { loadConfig } from '../config';
import { commandModule } from '../graphql/schema';
import { open311Module } from '../graphql/schema/open311';
import { registerOpen311 } from './open311';
import { buildServer } from './server';

const COMMUNITY = 'AM-T01';
const OTHER = 'AM-T02';
const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };
const STAFF: Actor = { id: 'staff-test', role: 'staff', communityId: COMMUNITY, assurance: 'password', channel: 'staff' };

let dataDir: string;
let hamaynk: Hamaynk;
let app: FastifyInstance;
let base: string;
let stopProjections: () => Promise<void>;

const graphql = async (token: string, query: string, variables: Record<string, unknown>) => {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, Record<string, string>> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
};

const REGISTER = 'mutation ($name: String!, $commandId: ID) { registerOpen311Client(name: $name, commandId: $commandId) { id name registeredAt apiKey } }';

const registerClient = async (name: string): Promise<{ id: string; apiKey: string }> => {
  const token = await signToken(hamaynk.tokenKeys, { sub: 'ministry-test', role: 'ministry', acr: 'eid' });
  const answer = await graphql(token, REGISTER, { name });
  expect(answer.errors).toBeUndefined();
  return answer.data!.registerOpen311Client as { id: string; apiKey: string };
};

/** Polls until the read models show what `check` waits for (they follow the log asynchronously). */
const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
};

const rejection = async (promise: Promise<unknown>): Promise<Open311ApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Open311ApiError) return error;
    throw error;
  }
  throw new Error('expected an Open311 error answer');
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-open311-'));
  const config = loadConfig({ DATA_DIR: dataDir, SEED: 'none', RATE_LIMIT_PER_MINUTE: '0' });
  hamaynk = await createHamaynk(config, { eventStore: { writerThread: false, liveIntervalMs: 5 } });
  const supervisor = await hamaynk.startProjections();
  stopProjections = () => supervisor.stop();
  for (const [code, nameEn] of [
    [COMMUNITY, 'Testavan'],
    [OTHER, 'Othertown'],
  ] as const) {
    await hamaynk.commands.registerCommunity({ input: { code, nameHy: `Թեստավան ${code}`, nameEn, province: 'Shirak', kind: 'urban', population: 5000 } }, { actor: MINISTRY });
  }
  app = await buildServer({
    eventStore: hamaynk.eventStore,
    tokenKeys: hamaynk.tokenKeys,
    people: hamaynk.people,
    rateLimitPerMinute: 0,
    graphiql: false,
    modules: [commandModule(hamaynk.commands), open311Module(hamaynk.commands)],
    routes: (server) => registerOpen311(server, { ...hamaynk, publicUrl: 'https://hamaynk.example' }),
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  await eventually(
    () => hamaynk.queries.community(OTHER),
    (c) => c !== null,
  );
}, 60_000);

afterAll(async () => {
  await app?.close();
  await stopProjections?.();
  await hamaynk?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Open311 GeoReport v2', () => {
  const endpoint = () => `${base}/open311/v2`;

  it('discovery names the endpoint, the specification and both formats', async () => {
    const discovery = await new Open311Client(endpoint()).discovery();
    expect(discovery.endpoints).toEqual([
      expect.objectContaining({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://hamaynk.example/open311/v2', type: 'production', formats: ['application/json', 'text/xml'] }),
    ]);
  });

  it.each(['json', 'xml'] as const)('services.%s: the community’s complaint categories, with their group and description and no metadata', async (format) => {
    const services = await new Open311Client(endpoint(), { jurisdictionId: COMMUNITY }).services(format);
    expect(services.map((s) => s.service_code)).toEqual(COMPLAINT_CATEGORIES.map((c) => c.code));
    const roads = services.find((s) => s.service_code === 'roads')!;
    expect(roads).toEqual({ service_code: 'roads', service_name: 'Ճանապարհներ և փողոցներ', description: expect.stringContaining('Փոսեր') as string, metadata: false, type: 'realtime', keywords: expect.stringContaining('pothole') as string, group: 'infrastructure' });
    const english = await new Open311Client(endpoint(), { jurisdictionId: COMMUNITY }).services(format, { locale: 'en' });
    expect(english.find((s) => s.service_code === 'roads')!.service_name).toBe('Roads and streets');
  });

  it.each(['json', 'xml'] as const)('services/<code>.%s: the definition (no attributes); an unknown code is a 404', async (format) => {
    const client = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY });
    expect(await client.serviceDefinition('street-lighting', format)).toEqual({ service_code: 'street-lighting', attributes: 0 });
    const error = await rejection(client.serviceDefinition('fireworks', format));
    expect(error.status).toBe(404);
    expect(error.errors).toEqual([{ code: 404, description: 'service_code fireworks was not found' }]);
  });

  it.each(['json', 'xml'] as const)('services.%s without a jurisdiction_id is a 400, with an unknown one a 404', async (format) => {
    const missing = await rejection(new Open311Client(endpoint()).services(format));
    expect([missing.status, missing.errors[0].code, missing.errors[0].description]).toEqual([400, 400, 'jurisdiction_id was not provided']);
    const unknown = await rejection(new Open311Client(endpoint(), { jurisdictionId: 'AM-NOPE' }).services(format));
    expect([unknown.status, unknown.errors[0].description]).toEqual([404, 'jurisdiction_id AM-NOPE was not found']);
  });

  it('registerOpen311Client is the ministry’s; the key is answered once and only its hash is recorded', async () => {
    const staffToken = await signToken(hamaynk.tokenKeys, { sub: 'staff-test', role: 'staff', communityId: COMMUNITY, acr: 'password' });
    const head = await hamaynk.eventStore.headPosition();
    const refused = await graphql(staffToken, REGISTER, { name: 'Civic app' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await hamaynk.eventStore.headPosition()).toBe(head);

    const client = await registerClient('Քաղաքացու հավելված');
    expect(client.apiKey.startsWith(`${client.id}.`)).toBe(true);
    const events = await hamaynk.eventStore.readStream(`open311client-${client.id}`);
    expect(events.map((e) => e.type)).toEqual(['Open311ClientRegistered']);
    expect(events[0].data).toMatchObject({ clientId: client.id, name: 'Քաղաքացու հավելված', keyHash: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    const secret = client.apiKey.split('.')[1];
    expect(JSON.stringify({ data: events[0].data, metadata: events[0].metadata })).not.toContain(secret);

    // A retried registration cannot be answered with the first key (it was never kept): refused, nothing appended.
    const ministryToken = await signToken(hamaynk.tokenKeys, { sub: 'ministry-test', role: 'ministry', acr: 'eid' });
    const first = await graphql(ministryToken, REGISTER, { name: 'Retried app', commandId: 'register-retried-app' });
    expect(first.errors).toBeUndefined();
    const afterFirst = await hamaynk.eventStore.headPosition();
    const retried = await graphql(ministryToken, REGISTER, { name: 'Retried app', commandId: 'register-retried-app' });
    expect(retried.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(await hamaynk.eventStore.headPosition()).toBe(afterFirst);
  });

  describe('filing and following a complaint', () => {
    let apiKey: string;
    let filed: string;
    const description = 'Փողոցում խոր փոսեր կան\nՄեքենաները վնասվում են։';

    beforeAll(async () => {
      ({ apiKey } = await registerClient('Civic app'));
    });

    it.each(['json', 'xml'] as const)('POST requests.%s files an online complaint and answers its id', async (format) => {
      const client = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY, apiKey });
      const [created] = await client.createRequest({ service_code: 'roads', description, first_name: 'Անի', last_name: 'Պետրոսյան', address_string: 'Աբովյան 1' }, format);
      expect(created.service_request_id).toMatch(/^[0-9a-f-]{36}$/);
      filed = created.service_request_id!;
      const events = await hamaynk.eventStore.readStream(`complaint-${filed}`);
      expect(events[0]).toMatchObject({
        type: 'ComplaintFiled',
        data: { communityId: COMMUNITY, channel: 'online', category: 'roads', subject: 'Փողոցում խոր փոսեր կան', complainantName: 'Անի Պետրոսյան', description: `${description}\n\nՀասցե / Address: Աբովյան 1` },
      });
    });

    it.each(['json', 'xml'] as const)('requests/<id>.%s: open, due, the community responsible; the text only for the client that filed it', async (format) => {
      const mine = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY, apiKey });
      const [request] = await eventually(
        () => mine.request(filed, format).catch(() => [] as ServiceRequest[]),
        (r) => r.length === 1,
      );
      expect(request).toMatchObject({ service_request_id: filed, status: 'open', status_notes: null, service_code: 'roads', service_name: 'Ճանապարհներ և փողոցներ', agency_responsible: `Թեստավան ${COMMUNITY}` });
      expect(request.description).toContain('Մեքենաները վնասվում են');
      expect(Date.parse(request.requested_datetime!)).toBeGreaterThan(Date.now() - 60_000);
      expect(request.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+04:00$/);
      const [anonymous] = await new Open311Client(endpoint(), { jurisdictionId: COMMUNITY }).request(filed, format);
      expect(anonymous.description).toBeNull();
      expect(anonymous.status).toBe('open');
    });

    it('a response closes the request, with the response as its status notes', async () => {
      const client = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY, apiKey });
      const [created] = await client.createRequest({ service_code: 'waste-collection', description: 'Աղբը չի հավաքվում' });
      const id = created.service_request_id!;
      await hamaynk.commands.respondToComplaint({ id, response: 'Աղբը հավաքվեց։', resolution: 'upheld' }, { actor: STAFF });
      const [request] = await eventually(
        () => client.request(id).catch(() => [] as ServiceRequest[]),
        (r) => r[0]?.status === 'closed',
      );
      expect(request).toMatchObject({ status: 'closed', status_notes: 'Աղբը հավաքվեց։', expected_datetime: null });

      // The filters: status, service_code, a list of ids (which overrides the rest), in both formats.
      const closed = await client.requests({ status: 'closed' });
      expect(closed.map((r) => r.service_request_id)).toContain(id);
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
      const open = await client.requests({ status: 'open' }, 'xml');
      expect(open.map((r) => r.service_request_id)).not.toContain(id);
      expect(open.length).toBeGreaterThan(0);
      const roads = await client.requests({ service_code: 'roads' });
      expect(roads.length).toBeGreaterThan(0);
      expect(roads.every((r) => r.service_code === 'roads')).toBe(true);
      const both = await client.requests({ service_request_id: `${id},${filed},no-such-id`, status: 'open' });
      expect(both.map((r) => r.service_request_id).sort()).toEqual([id, filed].sort());
      // Another community's list does not hold them.
      expect(await new Open311Client(endpoint(), { jurisdictionId: OTHER }).requests()).toEqual([]);
      // A date range that ended before they were filed.
      expect(await client.requests({ start_date: '2020-01-01T00:00:00Z', end_date: '2020-02-01T00:00:00Z' })).toEqual([]);
    });

    it.each(['json', 'xml'] as const)('requests.%s refuses a range over 90 days, a bad date and an unknown status with a 400', async (format) => {
      const client = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY });
      const wide = await rejection(client.requests({ start_date: '2024-01-01T00:00:00Z', end_date: '2024-06-01T00:00:00Z' }, format));
      expect([wide.status, wide.errors[0].description]).toEqual([400, 'start_date and end_date may be at most 90 days apart']);
      expect((await rejection(client.requests({ start_date: 'yesterday' }, format))).status).toBe(400);
      expect((await rejection(client.requests({ status: 'pending' }, format))).status).toBe(400);
      expect((await rejection(client.request('no-such-complaint', format))).status).toBe(404);
    });

    it.each(['json', 'xml'] as const)('POST requests.%s without a key, with a wrong key, an unknown service or no service is refused and appends nothing', async (format) => {
      const head = await hamaynk.eventStore.headPosition();
      const without = await rejection(new Open311Client(endpoint(), { jurisdictionId: COMMUNITY }).createRequest({ service_code: 'roads', description: 'x' }, format));
      expect([without.status, without.errors[0].description]).toEqual([403, 'api_key was not provided']);
      const forged = `${apiKey.split('.')[0]}.${'A'.repeat(43)}`;
      for (const wrong of [forged, 'not-a-key']) {
        const error = await rejection(new Open311Client(endpoint(), { jurisdictionId: COMMUNITY, apiKey: wrong }).createRequest({ service_code: 'roads', description: 'x' }, format));
        expect([error.status, error.errors[0].description]).toEqual([403, 'api_key is not valid']);
      }
      const client = new Open311Client(endpoint(), { jurisdictionId: COMMUNITY, apiKey });
      const unknown = await rejection(client.createRequest({ service_code: 'fireworks', description: 'x' }, format));
      expect([unknown.status, unknown.errors[0].description]).toEqual([404, 'service_code fireworks was not found']);
      const noService = await rejection(client.createRequest({ description: 'x' }, format));
      expect([noService.status, noService.errors[0].description]).toEqual([400, 'service_code was not provided']);
      const noText = await rejection(client.createRequest({ service_code: 'roads' }, format));
      expect([noText.status, noText.errors[0].description]).toEqual([400, 'description was not provided']);
      const elsewhere = await rejection(new Open311Client(endpoint(), { jurisdictionId: 'AM-NOPE', apiKey }).createRequest({ service_code: 'roads', description: 'x' }, format));
      expect(elsewhere.status).toBe(404);
      expect(await hamaynk.eventStore.headPosition()).toBe(head);
    });
  });
});
