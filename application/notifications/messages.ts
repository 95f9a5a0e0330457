/**
 * The words of a message in the resident's language (Armenian or English): its subject line and its
 * plain-text body. Pure; the account page and the mail sender say the same thing.
 */
import type { MessageLanguage } from '../../domain/contact/commands';
import type { OutboxMessageDoc } from '../../projections/outbox/schema';

export interface ComposedMessage {
  readonly subject: string;
  readonly text: string;
}

const amd = (lang: MessageLanguage, n: number): string => `${new Intl.NumberFormat(lang === 'hy' ? 'hy-AM' : 'en-GB').format(n)} ֏`;

const RESOLUTIONS: Record<MessageLanguage, Record<string, string>> = {
  hy: { upheld: 'բավարարված է', 'partially-upheld': 'մասամբ բավարարված է', rejected: 'մերժված է' },
  en: { upheld: 'upheld', 'partially-upheld': 'partly upheld', rejected: 'rejected' },
};

/** The case as the resident knows it: the service's name and its number or tracking code. */
const caseName = (m: OutboxMessageDoc, lang: MessageLanguage): string => {
  const service = lang === 'hy' ? m.serviceNameHy : (m.serviceNameEn ?? m.serviceNameHy);
  const ref = m.facts.registrationNumber ?? m.facts.trackingCode;
  const what = service ?? (lang === 'hy' ? 'Ձեր դիմումը' : 'your application');
  return ref ? `${what} (${ref})` : what;
};

const communityName = (m: OutboxMessageDoc, lang: MessageLanguage): string =>
  (lang === 'hy' ? m.communityNameHy : (m.communityNameEn ?? m.communityNameHy)) ?? m.communityId;

const lines = (...parts: ReadonlyArray<string | false | undefined>): string => parts.filter((p): p is string => typeof p === 'string').join('\n');

export const composeMessage = (m: OutboxMessageDoc, lang: MessageLanguage, links: { readonly publicUrl: string }): ComposedMessage => {
  const f = m.facts;
  const community = communityName(m, lang);
  const name = caseName(m, lang);
  const account = `${links.publicUrl}/account`;
  const hy = lang === 'hy';
  const footer = hy
    ? `\n\nՄանրամասները՝ ${account}\n\n${community} համայնք · Համայնք (ՀԿՏՀ). Այս նամակն ուղարկվել է, քանի որ Դուք տվել եք Ձեր էլ. հասցեն ծանուցումների համար։`
    : `\n\nDetails: ${account}\n\n${community} community · Hamaynk (CMIS). You receive this because you gave your email address for notifications.`;
  const body = (subject: string, text: string): ComposedMessage => ({ subject, text: `${text}${footer}` });
  switch (m.kind) {
    case 'application-registered':
      return hy
        ? body(`Ձեր դիմումը գրանցվել է՝ ${f.registrationNumber ?? ''}`.trim(), lines(`${community} համայնքը գրանցել է Ձեր դիմումը՝ ${name}։`, f.registrationNumber && `Գրանցման համարը՝ ${f.registrationNumber}`))
        : body(`Your application is registered: ${f.registrationNumber ?? ''}`.trim(), lines(`${community} has registered ${name}.`, f.registrationNumber && `Registration number: ${f.registrationNumber}`));
    case 'information-requested':
      return hy
        ? body('Համայնքը լրացուցիչ տեղեկություն է խնդրում', lines(`${community} համայնքը Ձեր դիմումի (${name}) վերաբերյալ հարցնում է՝`, '', f.question ?? '', '', 'Պատասխանեք Ձեր անձնական էջում։ Ժամկետը կանգնած է մինչև Ձեր պատասխանը։'))
        : body('The community asks for more information', lines(`${community} asks about ${name}:`, '', f.question ?? '', '', 'Answer on your account page. The deadline is paused until you answer.'));
    case 'application-approved':
      return hy
        ? body('Ձեր դիմումը բավարարվել է', lines(`${community} համայնքը բավարարել է Ձեր դիմումը՝ ${name}։`, f.basis && `Հիմքը՝ ${f.basis}`))
        : body('Your application is approved', lines(`${community} has approved ${name}.`, f.basis && `Basis: ${f.basis}`));
    case 'application-rejected':
      return hy
        ? body('Ձեր դիմումը մերժվել է', lines(`${community} համայնքը մերժել է Ձեր դիմումը՝ ${name}։`, f.reason && `Պատճառը՝ ${f.reason}`, f.basis && `Հիմքը՝ ${f.basis}`))
        : body('Your application is rejected', lines(`${community} has rejected ${name}.`, f.reason && `Reason: ${f.reason}`, f.basis && `Basis: ${f.basis}`));
    case 'inquiry-answered':
      return hy
        ? body('Ձեր հարցմանը պատասխանել են', lines(`${community} համայնքը պատասխանել է Ձեր հարցմանը (${name})՝`, '', f.answer ?? ''))
        : body('Your inquiry is answered', lines(`${community} has answered ${name}:`, '', f.answer ?? ''));
    case 'permit-issued':
    case 'certificate-issued': {
      const doc = `${links.publicUrl}/documents/${encodeURIComponent(m.caseId)}.pdf`;
      const permit = m.kind === 'permit-issued';
      return hy
        ? body(
            `${permit ? 'Ձեր թույլտվությունը' : 'Ձեր տեղեկանքը'} տրված է՝ № ${f.documentNumber ?? ''}`,
            lines(`${community} համայնքը տվել է ${permit ? 'թույլտվություն' : 'տեղեկանք'} № ${f.documentNumber ?? ''} (${name})։`, f.validUntil && `Գործում է ${f.validFrom ?? ''}–${f.validUntil}։`, `Ներբեռնել (PDF)՝ ${doc}`),
          )
        : body(
            `Your ${permit ? 'permit' : 'certificate'} is issued: No. ${f.documentNumber ?? ''}`,
            lines(`${community} has issued ${permit ? 'permit' : 'certificate'} No. ${f.documentNumber ?? ''} (${name}).`, f.validUntil && `Valid ${f.validFrom ?? ''} to ${f.validUntil}.`, `Download (PDF): ${doc}`),
          );
    }
    case 'fee-assessed':
      return hy
        ? body(
            `Վճար՝ ${amd(lang, f.amountAmd ?? 0)}, մինչև ${f.dueOn ?? ''}`,
            lines(`${community} համայնքը Ձեզ համար հաշվարկել է վճար՝ ${amd(lang, f.amountAmd ?? 0)}${m.serviceNameHy ? ` (${m.serviceNameHy})` : ''}։`, f.dueOn && `Վճարման վերջնաժամկետը՝ ${f.dueOn}`, f.basis && `Հիմքը՝ ${f.basis}`),
          )
        : body(
            `A fee of ${amd(lang, f.amountAmd ?? 0)} is due by ${f.dueOn ?? ''}`,
            lines(`${community} has assessed a fee of ${amd(lang, f.amountAmd ?? 0)} on you${m.serviceNameEn ? ` (${m.serviceNameEn})` : ''}.`, f.dueOn && `Due by: ${f.dueOn}`, f.basis && `Basis: ${f.basis}`),
          );
    case 'complaint-answered':
      return hy
        ? body(
            'Ձեր բողոքին պատասխանել են',
            lines(`${community} համայնքը պատասխանել է Ձեր բողոքին${f.subject ? ` («${f.subject}»)` : ''}՝`, '', f.response ?? '', '', f.resolution && `Արդյունքը՝ ${RESOLUTIONS.hy[f.resolution] ?? f.resolution}`),
          )
        : body(
            'Your complaint is answered',
            lines(`${community} has answered your complaint${f.subject ? ` ("${f.subject}")` : ''}:`, '', f.response ?? '', '', f.resolution && `Outcome: ${RESOLUTIONS.en[f.resolution] ?? f.resolution}`),
          );
  }
};
