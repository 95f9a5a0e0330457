/**
 * The plain pages of sign-in and sessions: refusals (CSRF, a refused sign-in) in Armenian and English on
 * one page, with no asset of any kind, so they render whatever else is broken. The staff workspace may
 * answer the same refusals with its own templates (registerBrowserSessions's onCsrfRefused).
 */
import type { FastifyRequest } from 'fastify';
import { escapeHtml, html, raw, type Html } from '../web/html';

export type Refusal = 'csrf' | 'sign-in-refused' | 'sign-in-failed';

const TEXTS: Record<Refusal, { readonly hy: { title: string; text: string }; readonly en: { title: string; text: string } }> = {
  csrf: {
    hy: { title: 'Ձևը մերժվեց', text: 'Ձևը չուներ վավեր պաշտպանական նշան (CSRF), ուստի ոչինչ չի փոխվել։ Վերադարձեք էջ, թարմացրեք այն և կրկին ուղարկեք ձևը։' },
    en: { title: 'The form was refused', text: 'The form did not carry a valid protection token (CSRF), so nothing was changed. Go back, reload the page and send the form again.' },
  },
  'sign-in-refused': {
    hy: { title: 'Մուտքը մերժվեց', text: 'Նույնականացման պատասխանը չի համապատասխանում այս դիտարկիչում սկսված մուտքին (կամ արդեն օգտագործվել է)։ Ոչինչ չի ստեղծվել։ Սկսեք մուտքը նորից։' },
    en: { title: 'Sign-in refused', text: 'The identity provider’s answer does not match a sign-in started in this browser (or was already used). Nothing was created. Start signing in again.' },
  },
  'sign-in-failed': {
    hy: { title: 'Մուտքը չհաջողվեց', text: 'Նույնականացման ծառայությունը չհաստատեց ինքնությունը։ Ոչինչ չի ստեղծվել։ Սկսեք մուտքը նորից։' },
    en: { title: 'Sign-in failed', text: 'The identity provider did not confirm who you are. Nothing was created. Start signing in again.' },
  },
};

const page = (title: string, body: Html): string =>
  `<!doctype html>\n${html`<html lang="hy">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}a{color:#1d70b8}.reason{font-family:monospace}</style></head>
<body><main>${body}</main></body></html>`.toString()}`;

/** A refusal page: Armenian first, then English; `detail` (escaped) says what exactly was wrong. */
export const refusalPage = (refusal: Refusal, _request?: FastifyRequest, detail?: string): string => {
  const { hy, en } = TEXTS[refusal];
  const again = refusal === 'csrf' ? '' : raw(`<p><a href="/sign-in">Մուտք · Sign in</a></p>`);
  return page(
    `${hy.title} · ${en.title}`,
    html`<h1>${hy.title}</h1><p>${hy.text}</p>
<div lang="en"><h2>${en.title}</h2><p>${en.text}</p></div>
${detail ? raw(`<p class="reason" lang="en">${escapeHtml(detail)}</p>`) : ''}${again}`,
  );
};
