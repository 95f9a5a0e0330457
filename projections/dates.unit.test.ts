import fc from 'fast-check';
import { yerevanDate } from '../domain/kernel/time';
import { utcInstant, yerevanDay } from './dates';

describe('projection dates', () => {
  /** The same instant written as toISOString does, without milliseconds, and with a +04:00 or −02:30 offset. */
  const writings = (ms: number): string[] => {
    const utc = new Date(ms).toISOString();
    const shifted = (minutes: number): string => new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
    return [utc, `${utc.slice(0, 19)}Z`, `${shifted(240)}+04:00`, `${shifted(-150)}-02:30`];
  };

  it('yerevanDay agrees with the time-zone database for any instant 1995–2045, however it is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2045, 0, 1) }), (ms) => {
        const whole = ms - (ms % 1000);
        for (const iso of writings(whole)) expect(yerevanDay(iso)).toBe(yerevanDate(new Date(whole)));
      }),
      { numRuns: 2000 },
    );
  });

  it('utcInstant gives the toISOString form of any writing of an instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2045, 0, 1) }), (ms) => {
        const whole = ms - (ms % 1000);
        for (const iso of writings(whole)) expect(utcInstant(iso)).toBe(new Date(whole).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('around midnight and around the last daylight-saving change', () => {
    expect(yerevanDay('2024-03-01T19:59:59Z')).toBe('2024-03-01');
    expect(yerevanDay('2024-03-01T20:00:00Z')).toBe('2024-03-02');
    expect(yerevanDay('2024-03-02T01:30:00+04:00')).toBe('2024-03-02');
    expect(yerevanDay('2011-07-01T19:30:00Z')).toBe('2011-07-02'); // UTC+5 in the summer of 2011
  });

  it('utcInstant rewrites offsets so that instants sort as strings', () => {
    expect(utcInstant('2024-03-02T01:30:00+04:00')).toBe('2024-03-01T21:30:00.000Z');
    expect(utcInstant('not a date')).toBe('not a date');
  });
});
