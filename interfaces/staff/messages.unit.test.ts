import { CATALOGUES } from './messages';
import { compileMessage, deadlineOf, formatAmd, formatDate, translate } from './i18n';

describe('the workspace message catalogues', () => {
  it('have the same keys in Armenian and English', () => {
    expect(Object.keys(CATALOGUES.hy).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
  });

  it.each(['hy', 'en'] as const)('parse every %s message as ICU MessageFormat', (lang) => {
    for (const message of Object.values(CATALOGUES[lang])) {
      expect(() => compileMessage(message, lang)).not.toThrow();
      expect(message.trim().length).toBeGreaterThan(0);
    }
  });

  it('name every command button in English, the Armenian verb first in the Armenian catalogue', () => {
    for (const key of Object.keys(CATALOGUES.en).filter((k) => k.startsWith('command.'))) {
      expect(CATALOGUES.hy[key as keyof typeof CATALOGUES.hy]).toContain(`(${CATALOGUES.en[key as keyof typeof CATALOGUES.en]})`);
    }
    expect(translate('hy', 'command.registerApplication')).toBe('Գրանցել (Register)');
  });

  it('speak of overdue days with ICU plurals', () => {
    expect(translate('en', 'deadlineOverdue', { n: 1 })).toBe('overdue by 1 day');
    expect(translate('en', 'deadlineOverdue', { n: 2 })).toBe('overdue by 2 days');
    expect(translate('hy', 'deadlineOverdue', { n: 2 })).toBe('ժամկետանց՝ 2 օր');
  });
});

describe('dates, drams and deadlines', () => {
  it('writes a Yerevan calendar date in Armenian and English', () => {
    expect(formatDate('en', '2024-03-05')).toBe('5 March 2024');
    expect(formatDate('hy', '2024-03-05')).toMatch(/2024/);
    expect(formatDate('hy', '2024-03-05')).toMatch(/մարտի/);
  });

  it('shows an instant in Yerevan time (UTC+4)', () => {
    expect(formatDate('en', '2024-03-05T21:30:00Z', true)).toBe('6 March 2024 at 01:30');
  });

  it('writes drams with grouped digits and the dram sign', () => {
    expect(formatAmd(12500)).toBe('12\u00a0500\u00a0֏');
    expect(formatAmd(0)).toBe('0\u00a0֏');
  });

  it('tells a deadline as text, with a tone that only repeats it', () => {
    expect(deadlineOf('en', '2024-03-10', '2024-03-08', true)).toEqual({ text: 'overdue by 2 days', tone: 'overdue' });
    expect(deadlineOf('en', '2024-03-10', '2024-03-13', true)).toEqual({ text: '3 days left', tone: 'soon' });
    expect(deadlineOf('en', '2024-03-10', '2024-03-10', true).text).toBe('due today');
    expect(deadlineOf('en', '2024-03-10', '2024-03-30', true)).toEqual({ text: '20 days left', tone: 'ok' });
    expect(deadlineOf('en', '2024-03-10', '2024-03-01', false).tone).toBe('closed');
  });
});
