import fs from 'node:fs';
import path from 'node:path';
import { EVENT_CATALOGUE, renderEventCatalogue } from '../../application/event-catalogue';

describe('the event catalogue (docs/events.md)', () => {
  it('is exactly what the code says (run `npm run docs:events` after changing an event)', () => {
    const file = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'events.md'), 'utf8');
    expect(file).toBe(renderEventCatalogue());
  });

  it('lists each event type once, with a version and a description', () => {
    const types = EVENT_CATALOGUE.flatMap((s) => s.entries.map((e) => e.type));
    expect(new Set(types).size).toBe(types.length);
    for (const entry of EVENT_CATALOGUE.flatMap((s) => s.entries)) {
      expect(entry.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(Object.keys(entry.fields).length).toBeGreaterThan(0);
    }
  });
});
