import { registrationNumberOf } from './service-application/commands';
import { deterministicUuid, randomIds } from './ids';

describe('fresh ids', () => {
  it('are UUID version 7, each greater than the one before (new rows go to the right edge of every index on them)', () => {
    const ids = Array.from({ length: 5_000 }, () => randomIds.next());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carry the time they were made in their first 48 bits', () => {
    const before = Date.now();
    const id = randomIds.next();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('give distinct registration numbers when made in the same instant (the number takes the random end of the id)', () => {
    const ids = Array.from({ length: 2_000 }, () => randomIds.next());
    const numbers = ids.map((id) => registrationNumberOf({ id, communityId: 'AM08001', submittedAt: '2026-11-25T10:00:00Z' }));
    for (const n of numbers) expect(n).toMatch(/^AM08001-2026-[0-9A-F]{8}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('derived from a name stay the same for the same name (a retried creation finds its first result)', () => {
    expect(deterministicUuid('command:1')).toBe(deterministicUuid('command:1'));
    expect(deterministicUuid('command:1')).not.toBe(deterministicUuid('command:2'));
    expect(deterministicUuid('command:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
