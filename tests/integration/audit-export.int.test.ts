/**
 * `events export`: the whole log in order as NDJSON or CloudEvents 1.0 JSON, one event a line, with
 * Armenian text intact, resumable after a position.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalJson } from '../../application/canonical-json';
import { cloudEventSource, exportEvents, type ExportFormat } from '../../application/audit/export-events';
import type { RecordedEvent } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { CloudEvent } from 'cloudevents';
import { newEvent } from '../support/events';

let dir: string;
let store: SqliteEventStore;
let stored: RecordedEvent[];

const ARMENIAN = 'Երևանի «Կենտրոն» համայնք — շինարարության թույլտվություն № 42';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-export-'));
  store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
  await store.append('community-GYU', [newEvent('CommunityRegistered', { code: 'GYU', nameHy: 'Գյումրի', nameEn: 'Gyumri', population: 121976 })], { expectedRevision: 'no-stream' });
  await store.append('application-a1', [newEvent('ApplicationSubmitted', { subject: ARMENIAN, details: 'տող 1\nտող 2 "չակերտ" \\', amount: 0.5 })], { expectedRevision: 'no-stream' });
  await store.append(
    'application-a1',
    [newEvent('ApplicationRegistered', { registrationNumber: 'Ա-2026/17' }), newEvent('ApplicationAssigned', { assigneeId: 'clerk-1' })],
    { expectedRevision: 0 },
  );
  for (let i = 0; i < 7; i++) await store.append('fee-f1', [newEvent('FeePaymentRecorded', { amountAmd: 1000 * i, payerName: 'Արամ Պետրոսյան' })], { expectedRevision: 'any' });
  stored = await store.readAll();
});

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = async (format: ExportFormat, from?: string, batchSize?: number) => {
  const lines: string[] = [];
  const summary = await exportEvents({ eventStore: store, format, from, batchSize, write: (l) => void lines.push(l) });
  return { lines, summary };
};

describe('events export', () => {
  test('ndjson: one object a line, every event in order, data and metadata byte for byte as stored', async () => {
    const { lines, summary } = await run('ndjson', undefined, 3);
    expect(summary).toEqual({ events: stored.length, lastPosition: String(stored.length) });
    expect(lines).toHaveLength(stored.length);
    lines.forEach((line, i) => {
      expect(line).not.toContain('\n');
      const e = stored[i];
      const parsed = JSON.parse(line);
      expect(Object.keys(parsed)).toEqual(['position', 'streamId', 'revision', 'type', 'data', 'metadata']);
      expect(parsed).toEqual({ position: e.position.toString(), streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata });
      expect(Buffer.from(canonicalJson(parsed.data)).equals(Buffer.from(e.dataBytes))).toBe(true);
      expect(Buffer.from(canonicalJson(parsed.metadata)).equals(Buffer.from(e.metadataBytes))).toBe(true);
    });
    expect(JSON.parse(lines[1]).data.subject).toBe(ARMENIAN);
    expect(lines[1]).toContain(ARMENIAN);
  });

  test('cloudevents: CloudEvents 1.0 JSON with Hamaynk attributes and the data as stored', async () => {
    const { lines } = await run('cloudevents');
    expect(lines).toHaveLength(stored.length);
    lines.forEach((line, i) => {
      const e = stored[i];
      const ce = JSON.parse(line);
      const category = e.streamId.split('-')[0];
      expect(ce).toMatchObject({
        specversion: '1.0',
        id: e.metadata.eventId,
        source: `urn:hamaynk:${category}`,
        type: `am.hamaynk.${category}.${e.type}`,
        subject: e.streamId,
        time: e.metadata.occurredAt,
        datacontenttype: 'application/json',
        position: e.position.toString(),
        streamrevision: e.revision,
      });
      expect(ce.data).toEqual(e.data);
      expect(Buffer.from(canonicalJson(ce.data)).equals(Buffer.from(e.dataBytes))).toBe(true);
      // Extension attribute names: lowercase letters and digits only.
      for (const name of Object.keys(ce)) expect(name).toMatch(/^[a-z0-9]{1,20}$/);
    });
    const submitted = JSON.parse(lines[1]);
    expect(submitted.data).toEqual({ subject: ARMENIAN, details: 'տող 1\nտող 2 "չակերտ" \\', amount: 0.5 });
    // The ids are unique (source + id identify an event).
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(lines.length);
  });

  test('cloudevents with the deployment (PUBLIC_URL): source is the deployment and the event\'s community, and the events are valid by the CloudEvents SDK', async () => {
    const lines: string[] = [];
    await exportEvents({ eventStore: store, format: 'cloudevents', deployment: 'https://hamaynk.example', write: (l) => void lines.push(l) });
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // A community stream names its community; a case without communityId in its data, its actor's (a GYU clerk).
    expect(events[0].source).toBe('https://hamaynk.example/communities/GYU');
    expect(events[1].source).toBe('https://hamaynk.example/communities/GYU');
    expect(cloudEventSource({ streamId: 'calendar-AM', data: { on: '2026-01-02' }, metadata: { ...stored[0].metadata, actor: { id: 'm', role: 'ministry', assurance: 'eid', channel: 'staff' } } }, 'https://hamaynk.example')).toBe(
      'https://hamaynk.example/calendar',
    );
    expect(cloudEventSource({ streamId: 'fee-f9', data: { communityId: 'AM11003' }, metadata: stored[0].metadata }, 'https://hamaynk.example')).toBe('https://hamaynk.example/communities/AM11003');
    for (const e of events) expect(new CloudEvent(e, true).validate()).toBe(true);
  });

  test('--from resumes after a position (exclusive, as the events subscription)', async () => {
    const { lines } = await run('ndjson', '4', 2);
    expect(lines.map((l) => JSON.parse(l).position)).toEqual(stored.slice(4).map((e) => e.position.toString()));
    expect((await run('ndjson', String(stored.length))).lines).toEqual([]);
  });

  test('the writer can apply back-pressure; bad arguments are refused before anything is written', async () => {
    const lines: string[] = [];
    await exportEvents({
      eventStore: store,
      format: 'ndjson',
      write: async (l) => {
        await new Promise((r) => setTimeout(r, 1));
        lines.push(l);
      },
    });
    expect(lines).toHaveLength(stored.length);
    await expect(run('xml' as ExportFormat)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['format'] });
    await expect(run('ndjson', '-1')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
    await expect(run('ndjson', 'abc')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
  });
});
