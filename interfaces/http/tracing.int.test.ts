/**
 * Traces: a request's span continues the caller's `traceparent`, the command it runs is a child of it,
 * and a forged `traceparent` starts a new trace without refusing the request. Spans are collected by an
 * in-memory exporter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance } from 'fastify';
import { signToken } from '../../infrastructure/auth/jwt';
import { startTracing, type Tracing } from '../../infrastructure/telemetry/tracing';
import { createHamaynk, type Hamaynk } from '../composition';
import { loadConfig } from '../config';
import { commandModule } from '../graphql/schema';
import { buildServer } from './server';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let dataDir: string;
let hamaynk: Hamaynk;
let app: FastifyInstance;
let base: string;

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

const registerCommunity = async (code: string, traceparent: string) => {
  const token = await signToken(hamaynk.tokenKeys, { sub: 'ministry-test', role: 'ministry', acr: 'eid' });
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent },
    body: JSON.stringify({ query: `mutation { registerCommunity(input: { code: "${code}", nameHy: "Թեստ", nameEn: "Test", province: "Shirak", kind: "urban", population: 10 }) { id } }` }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
};

beforeAll(async () => {
  tracing = startTracing({}, exporter);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-traces-'));
  hamaynk = await createHamaynk(loadConfig({ DATA_DIR: dataDir, SEED: 'none', RATE_LIMIT_PER_MINUTE: '0' }), { eventStore: { writerThread: false, liveIntervalMs: 5 } });
  app = await buildServer({ eventStore: hamaynk.eventStore, tokenKeys: hamaynk.tokenKeys, people: hamaynk.people, rateLimitPerMinute: 0, graphiql: false, modules: [commandModule(hamaynk.commands)] });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await hamaynk?.close();
  await tracing?.shutdown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => exporter.reset());

describe('traces', () => {
  it('a request continues the caller’s trace; its command and the decision are its children', async () => {
    const answer = await registerCommunity('AM-TR1', `00-${TRACE_ID}-${PARENT_SPAN}-01`);
    expect(answer.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /graphql')!;
    const command = spans.find((s) => s.name === 'command registerCommunity')!;
    const decide = spans.find((s) => s.name === 'decide')!;
    expect(server.spanContext().traceId).toBe(TRACE_ID);
    expect(server.parentSpanContext?.spanId).toBe(PARENT_SPAN);
    expect(command.spanContext().traceId).toBe(TRACE_ID);
    expect(command.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(command.attributes).toMatchObject({ 'hamaynk.command': 'registerCommunity', 'hamaynk.stream_id': 'community-AM-TR1', 'hamaynk.revision': 0 });
    expect(decide.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(server.attributes['http.response.status_code']).toBe(200);
  });

  it('a forged traceparent starts a new trace and the request is answered as usual', async () => {
    const answer = await registerCommunity('AM-TR2', '00-zzzz-not-a-trace-01');
    expect(answer.errors).toBeUndefined();
    const server = exporter.getFinishedSpans().find((s) => s.name === 'POST /graphql')!;
    expect(server.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.spanContext().traceId).not.toBe(TRACE_ID);
    expect(server.parentSpanContext).toBeUndefined();
  });

  it('a refused command’s span records the error', async () => {
    const answer = await registerCommunity('AM-TR1', `00-${TRACE_ID}-${PARENT_SPAN}-01`);
    expect(answer.errors).toBeDefined();
    const command = exporter.getFinishedSpans().find((s) => s.name === 'command registerCommunity')!;
    expect(command.status.code).toBe(2);
  });
});
