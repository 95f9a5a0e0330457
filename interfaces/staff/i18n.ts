/**
 * Messages, dates and drams for the workspace pages. Messages come from the ICU catalogues
 * (messages.ts), each compiled once per locale by intl-messageformat; dates are formatted by Intl in the
 * Asia/Yerevan time zone (`hy-AM`, `en-GB`), money as drams. The language of a request follows the
 * public pages' rules (`?lang=`, then the remembered cookie, then Armenian).
 */
import type { IntlMessageFormat as MessageFormat } from 'intl-messageformat' with { 'resolution-mode': 'import' };
import { LOCALES, type Lang } from '../web/i18n';
import { CATALOGUES, type MessageKey } from './messages';

export type { Lang };
export type MessageValues = Record<string, string | number>;

// intl-messageformat is an ES module only: Node (from 20.19) require()s it; TypeScript's node16 CommonJS output may not import it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IntlMessageFormat } = require('intl-messageformat') as { IntlMessageFormat: typeof MessageFormat };

/** A message compiled for a locale (throws when it is not valid ICU MessageFormat). */
export const compileMessage = (message: string, lang: Lang): MessageFormat => new IntlMessageFormat(message, LOCALES[lang]);

const compiled = new Map<string, MessageFormat>();

const formatOf = (lang: Lang, key: MessageKey): MessageFormat => {
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) compiled.set(id, (format = compileMessage(CATALOGUES[lang][key], lang)));
  return format;
};

export const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(CATALOGUES.en, key);

/** The message `key` in `lang` with `values` put in; an unknown key is a programming error. */
export const translate = (lang: Lang, key: string, values: MessageValues = {}): string => {
  if (!isMessageKey(key)) throw new Error(`No message ${key} in the workspace catalogue`);
  return String(formatOf(lang, key).format(values));
};

/** The message `key` if the catalogue has it, else `fallback` (event types and fields added later). */
export const translateOr = (lang: Lang, key: string, fallback: string, values: MessageValues = {}): string => (isMessageKey(key) ? translate(lang, key, values) : fallback);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormat = (lang: Lang, withTime: boolean): Intl.DateTimeFormat => {
  const id = `${lang}:${withTime}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: 'Asia/Yerevan',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    dateFormats.set(id, f);
  }
  return f;
};

/** A date (YYYY-MM-DD, a Yerevan calendar day) or an instant (ISO 8601) as a reader of `lang` writes it. */
export const formatDate = (lang: Lang, value: string | null | undefined, withTime = false): string => {
  if (!value) return '';
  // A calendar date is that day in Yerevan: noon there is the same day whatever the offset.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+04:00`) : new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return dateFormat(lang, withTime && !/^\d{4}-\d{2}-\d{2}$/.test(value)).format(instant);
};

const shortFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A date in a table cell: numeric (13.12.2026, 13/12/2026). */
export const formatShortDate = (lang: Lang, value: string | null | undefined): string => {
  if (!value) return '';
  let f = shortFormats.get(lang);
  if (!f) shortFormats.set(lang, (f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Asia/Yerevan', dateStyle: 'short' })));
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+04:00`) : new Date(value);
  return Number.isNaN(instant.getTime()) ? value : f.format(instant);
};

const dram = new Intl.NumberFormat('hy-AM', { maximumFractionDigits: 0, useGrouping: true });

/** Drams as «12 500 ֏» in both languages (the dram sign is how money is written in Armenia). */
export const formatAmd = (amount: number | null | undefined): string => (amount === null || amount === undefined ? '' : `${dram.format(amount).replace(/\s/g, '\u00a0')}\u00a0֏`);

const DAY_MS = 86_400_000;

/** Whole days from `today` to `dueOn` (both YYYY-MM-DD): negative when past. */
export const daysUntil = (today: string, dueOn: string): number => Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

export type DeadlineTone = 'overdue' | 'soon' | 'ok' | 'closed';

/** A deadline as text and tone: "overdue by 2 days", "due today", "3 days left" (the colour only repeats the text). */
export const deadlineOf = (lang: Lang, today: string, dueOn: string, open: boolean): { text: string; tone: DeadlineTone } => {
  if (!open) return { text: translate(lang, 'deadlineClosed'), tone: 'closed' };
  const days = daysUntil(today, dueOn);
  if (days < 0) return { text: translate(lang, 'deadlineOverdue', { n: -days }), tone: 'overdue' };
  if (days === 0) return { text: translate(lang, 'deadlineToday'), tone: 'soon' };
  return { text: translate(lang, 'deadlineLeft', { n: days }), tone: days <= 3 ? 'soon' : 'ok' };
};
