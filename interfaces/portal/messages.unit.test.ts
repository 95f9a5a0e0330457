import { compileMessage } from '../staff/i18n';
import { PORTAL_CATALOGUES, translate } from './messages';

describe('the resident portal message catalogues', () => {
  it('have the same keys in Armenian and English', () => {
    expect(Object.keys(PORTAL_CATALOGUES.hy).sort()).toEqual(Object.keys(PORTAL_CATALOGUES.en).sort());
  });

  it.each(['hy', 'en'] as const)('parse every %s message as ICU MessageFormat', (lang) => {
    for (const message of Object.values(PORTAL_CATALOGUES[lang])) {
      expect(() => compileMessage(message, lang)).not.toThrow();
      expect(message.trim().length).toBeGreaterThan(0);
    }
  });

  it("take a key the portal does not define from the workspace's catalogue, and refuse one neither has", () => {
    expect(translate('en', 'serviceName')).toBe('Hamaynk · resident portal');
    expect(translate('en', 'status.application.awaiting-information')).toBe('awaiting information');
    expect(() => translate('en', 'noSuchMessage')).toThrow(/noSuchMessage/);
  });

  it('count deadline days with ICU plurals', () => {
    expect(translate('en', 'serviceDeadlineDays', { n: 1 })).toBe('1 day');
    expect(translate('en', 'serviceDeadlineWorkingDays', { n: 20 })).toBe('20 working days');
    expect(translate('hy', 'serviceDeadlineDays', { n: 5 })).toBe('5 օր');
  });
});
