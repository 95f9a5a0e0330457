import { formatAmd, formatDate, formatMonth, formatNumber, formatPercent, labelKeys, labelsOf, resolutionLabel, statusLabel, t } from './i18n';

const ARMENIAN = /[\u0531-\u058F]/;
/** Labels that are the same in both languages (product and format names). */
const SAME_IN_BOTH = new Set(['footerApi', 'chartFromTo']);

describe('labels in both languages', () => {
  it('every label is non-empty in Armenian and English, and Armenian labels are written in Armenian', () => {
    const hy = labelsOf('hy');
    const en = labelsOf('en');
    for (const key of labelKeys()) {
      expect(hy[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      if (!SAME_IN_BOTH.has(key)) {
        expect({ key, armenian: ARMENIAN.test(hy[key]) }).toEqual({ key, armenian: true });
        expect({ key, differs: hy[key] !== en[key] }).toEqual({ key, differs: true });
      }
    }
  });

  it('both languages use the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of labelKeys()) expect({ key, p: placeholders(labelsOf('hy')[key]) }).toEqual({ key, p: placeholders(labelsOf('en')[key]) });
  });

  it('fills placeholders and uses the glossary terms', () => {
    expect(t('en', 'adoptionHeading', { date: '1 July 2019' })).toBe('Adoption as of 1 July 2019');
    expect(t('hy', 'rowWithCmisDeployed')).toContain('ՀԿՏՀ');
    expect(t('hy', 'openData')).toBe('Բաց տվյալներ');
    expect(statusLabel('hy', 'repealed')).toBe('ուժը կորցրած');
    expect(statusLabel('hy', 'awaiting-information')).toBe('սպասում է լրացուցիչ տեղեկությունների');
    expect(resolutionLabel('hy', 'partially-upheld')).toBe('մասնակի բավարարված');
    expect(resolutionLabel('en', 'partially-upheld')).toBe('partially upheld');
  });
});

describe('formatting with Intl (hy-AM, en-GB)', () => {
  it('formats dates as calendar days, never shifted by the time zone', () => {
    expect(formatDate('en', '2019-07-01')).toBe('1 July 2019');
    expect(formatDate('hy', '2019-07-01')).toContain('հուլիսի');
    expect(formatDate('hy', '2019-07-01')).toContain('2019');
    expect(formatMonth('en', '2019-01')).toBe('Jan 2019');
    expect(formatMonth('en', '2019-12', 'long')).toBe('December 2019');
  });

  it('formats numbers, money and percentages for each language', () => {
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('hy', 1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(formatNumber('hy', 39.6)).toBe('39,6');
    expect(formatNumber('en', 39.6)).toBe('39.6');
    expect(formatAmd('hy', 10000).replace(/\s/g, ' ')).toBe('10 000 ֏');
    expect(formatAmd('en', 10000)).toBe('֏10,000');
    expect(formatPercent('en', 39.6)).toBe('39.6%');
    expect(formatPercent('hy', 39.6)).toBe('39,6%');
  });
});
