/**
 * The page shell shared by every public page: language, title, skip link, navigation, language switch
 * (a plain link that sets the remembered language cookie, so it works without JavaScript), footer.
 * No script at all; one small stylesheet.
 */
import { html, type Html } from './html';
import { t, type Lang } from './i18n';

export const STYLESHEET_PATH = '/assets/site.css';

export interface Shell {
  readonly title: string;
  /** The current URL (path and query): the language switch comes back to it. */
  readonly currentUrl: string;
  readonly section?: 'national' | 'communities';
  readonly main: Html;
  /** The log holds the demo seed's made-up cases: a banner says so above the content. */
  readonly demoData?: boolean;
}

/** The link that switches to `to` and returns to `currentUrl`. */
export const languageSwitchHref = (to: Lang, currentUrl: string): string => `/lang/${to}?next=${encodeURIComponent(currentUrl)}`;

/** A labelled landmark, so screen readers list it; high contrast, no colour-only meaning. */
const demoBanner = (lang: Lang): Html => html`<div class="demo-banner" role="region" aria-label="${t(lang, 'demoBannerLabel')}" id="demo-data">
<div class="wrap"><p><strong>${t(lang, 'demoBannerTitle')}</strong> ${t(lang, 'demoBannerText')}</p></div>
</div>
`;

export const renderLayout = (lang: Lang, shell: Shell): string => {
  const other: Lang = lang === 'hy' ? 'en' : 'hy';
  const current = (section: Shell['section']) => (shell.section === section ? html` aria-current="page"` : '');
  return `<!doctype html>\n${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shell.title} — ${t(lang, 'siteName')}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${t(lang, 'skipToContent')}</a>
<header class="site">
<div class="wrap header-row">
<p class="brand"><a href="/">${t(lang, 'siteName')}</a> <span class="tagline">${t(lang, 'siteTagline')}</span></p>
<nav aria-label="${t(lang, 'mainNavigation')}">
<ul>
<li><a href="/"${current('national')}>${t(lang, 'navNational')}</a></li>
<li><a href="/c"${current('communities')}>${t(lang, 'navCommunities')}</a></li>
<li class="lang"><a href="${languageSwitchHref(other, shell.currentUrl)}" lang="${other}" hreflang="${other}" id="language-switch"><span class="vh">${t(other, 'languageSwitch')}: </span>${other === 'en' ? 'English' : 'Հայերեն'}</a></li>
</ul>
</nav>
</div>
</header>
${shell.demoData ? demoBanner(lang) : ''}<main id="main" class="wrap" tabindex="-1">
${shell.main}
</main>
<footer class="site">
<div class="wrap">
<p>${t(lang, 'footerData')}</p>
<p><a href="/graphiql">${t(lang, 'footerApi')}</a></p>
</div>
</footer>
</body>
</html>`.value}\n`;
};

export const STYLESHEET = `
:root{--ink:#1b1f24;--muted:#59636e;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0b5cad;--focus:#ffbf47}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans Armenian","Noto Sans","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.wrap{max-width:68rem;margin:0 auto;padding:0 1rem}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,.table-wrap:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site{background:#12355b;color:#fff}
header.site a{color:#fff}
.header-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.6rem;padding-bottom:.6rem}
.brand{margin:0;font-weight:700}
.brand a{text-decoration:none}
.tagline{display:block;font-weight:400;font-size:.85rem;opacity:.85}
header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header nav a[aria-current]{text-decoration-thickness:3px}
.lang a{border:1px solid #fff;border-radius:4px;padding:.1rem .5rem;text-decoration:none}
.demo-banner{background:#fff4ce;border-bottom:3px solid #9a6700;color:#3b2300}
.demo-banner p{margin:0;padding:.6rem 0}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.lead{color:var(--muted);max-width:48rem}
form.inline{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1rem;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
form.inline label{display:flex;flex-direction:column;font-weight:600;font-size:.95rem}
form.inline label.check{flex-direction:row;align-items:center;gap:.4rem;font-weight:400}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #8c959f;border-radius:4px;min-height:2.25rem}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;padding:.35rem 1rem}
.quick{margin:.25rem 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.table-block{margin:1rem 0 1.5rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.5rem .75rem;background:var(--soft);border-bottom:1px solid var(--line)}
th,td{padding:.4rem .75rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);font-size:.9rem}
tbody tr:last-child>*{border-bottom:0}
tbody th{font-weight:500}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.open-data{font-size:.9rem;color:var(--muted);margin:.35rem 0 0}
.note,.empty{font-size:.9rem;color:var(--muted);margin:.35rem 0 0}
.chart{margin:1rem 0;max-width:48rem}
.chart-svg{width:100%;height:auto;display:block}
.chart-svg text{font-size:12px;fill:var(--muted)}
.chart-svg .grid{stroke:#e5e9ee}
.chart-svg .baseline,.chart-svg .tick{stroke:#59636e}
figcaption{font-size:.9rem}
.chart-title{font-weight:600}
.legend{list-style:none;padding:0;margin:.25rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.legend li{display:flex;align-items:center;gap:.35rem}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;color:var(--accent)}
dl.facts{display:grid;grid-template-columns:minmax(8rem,16rem) 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.act-text{white-space:pre-wrap;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:1rem;max-width:48rem;font-family:inherit}
.pager{display:flex;gap:1rem;margin:.5rem 0}
.error{border-left:4px solid #cf222e;padding:.5rem 1rem;background:#fff5f5}
.verified{border-left:4px solid #1a7f37;padding:.5rem 1rem;background:#f0fff4}
.pending{border-left:4px solid #9a6700;padding:.5rem 1rem;background:#fff8c5}
.hash{font-family:ui-monospace,monospace;overflow-wrap:anywhere;word-break:break-all}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
@media (max-width:40rem){
body{font-size:15px}
h1{font-size:1.4rem}
dl.facts{grid-template-columns:1fr}
dl.facts dd{margin-bottom:.5rem}
th,td{padding:.35rem .5rem}
table.wide thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.wide tr{display:block;border-bottom:1px solid var(--line);padding:.25rem 0}
table.wide tbody tr:last-child{border-bottom:0}
table.wide th,table.wide td{display:block;border:0;padding:.15rem .75rem}
table.wide td{display:flex;justify-content:space-between;gap:1rem;text-align:right}
table.wide td::before{content:attr(data-label);color:var(--muted);text-align:left;flex:0 1 60%}
table.wide th[scope=row]{font-weight:600;text-align:left}
.chart-svg text{font-size:16px}
form.inline{flex-direction:column;align-items:stretch}
}
`;
