import { yerevanDate } from './time';

describe('yerevanDate', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Yerevan', year: 'numeric', month: '2-digit', day: '2-digit' });

  it('gives the date in Yerevan exactly as the time zone data does, before and after summer time ended', () => {
    // Every 31 h 13 min from 2009 to 2035: crosses every hour of the day, the 2011 change and the midnights.
    for (let ms = Date.UTC(2009, 0, 1); ms < Date.UTC(2035, 0, 1); ms += 31 * 3600_000 + 13 * 60_000) {
      expect(yerevanDate(new Date(ms))).toBe(intl.format(new Date(ms)));
    }
  });

  it('turns to the next day at 20:00 UTC (UTC+4), and takes ISO strings', () => {
    expect(yerevanDate('2019-07-01T19:59:59.999Z')).toBe('2019-07-01');
    expect(yerevanDate('2019-07-01T20:00:00Z')).toBe('2019-07-02');
    expect(yerevanDate('2011-07-01T19:30:00Z')).toBe('2011-07-02'); // summer time then: UTC+5
    expect(() => yerevanDate('not a date')).toThrow(RangeError);
  });
});
