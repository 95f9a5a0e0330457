/**
 * The public page `/verify/<applicationId>` (the address in an issued document's QR code): the document's
 * facts as its issuing event records them, and that event's inclusion in the transparency log — position,
 * leaf hash, audit path and the signed checkpoint it was checked against — verified on the server. Armenian
 * by default, English with ?lang=en, in the public pages' layout. Nothing personal beyond what the paper
 * itself shows: the holder's name is printed on it; their personal id is not shown.
 */
import type { IssuedDocument } from '../../application/documents/issued-document';
import type { DocumentInclusion } from '../../application/documents/verify-document';
import { html, join, type Html } from '../web/html';
import type { Lang } from '../web/i18n';
import { renderLayout } from '../web/layout';

const LABELS = {
  hy: {
    title: 'Փաստաթղթի ստուգում',
    permit: 'Թույլտվություն',
    certificate: 'Տեղեկանք',
    verified: 'Իսկական է։ Այս փաստաթուղթը տրվել է, և դրա տրման գրառումը ներառված է համայնքների թափանցիկության մատյանում (ստուգված է ստորագրված կետի նկատմամբ)։',
    pending: 'Փաստաթուղթը գրանցված է, բայց վերջին ստորագրված կետը դեռ չի ներառում այն։ Ստուգեք մի փոքր ուշ։',
    failed: 'Չհաջողվեց ստուգել այս փաստաթուղթը թափանցիկության մատյանում։',
    document: 'Փաստաթուղթը',
    kind: 'Տեսակը',
    number: 'Համարը',
    community: 'Համայնքը',
    holder: 'Տրված է',
    service: 'Ծառայությունը',
    subject: 'Դիմումի առարկան',
    registrationNumber: 'Գրանցման համարը',
    basis: 'Որոշման հիմքը',
    issuedOn: 'Տրման ամսաթիվը',
    valid: 'Գործում է',
    log: 'Թափանցիկության մատյանում',
    logIntro: 'Տրման իրադարձությունը մատյանի տերև է․ ստորև՝ դրա ներառման ապացույցը (RFC 6962), որը սերվերը ստուգել է ստորագրված կետի նկատմամբ։ Ապացույցը կարող եք ստուգել նաև ինքներդ՝ հանրային բանալիով։',
    status: 'Արդյունքը',
    statusVerified: 'ստուգված է',
    statusPending: 'դեռ չի ներառված ստորագրված կետում',
    statusFailed: 'չի ստուգվել',
    reason: 'Պատճառը',
    position: 'Դիրքը մատյանում',
    leafIndex: 'Տերևի համարը',
    leafHash: 'Տերևի հեշը (SHA-256)',
    path: 'Ապացույցի ուղին',
    pathEmpty: 'դատարկ (ծառը մեկ տերև ունի)',
    treeSize: 'Ծառի չափը',
    rootHash: 'Արմատի հեշը',
    checkpoint: 'Ստորագրված կետը',
    signedAt: 'Ստորագրվել է',
    key: 'Ստուգման բանալին',
    keyLink: 'Մատյանի հանրային բանալին',
  },
  en: {
    title: 'Document check',
    permit: 'Permit',
    certificate: 'Certificate',
    verified: 'Genuine. This document was issued, and the record of its issue is included in the communities’ transparency log (verified against a signed checkpoint).',
    pending: 'The document is recorded, but the latest signed checkpoint does not cover it yet. Check again in a moment.',
    failed: 'This document could not be verified in the transparency log.',
    document: 'The document',
    kind: 'Kind',
    number: 'Number',
    community: 'Community',
    holder: 'Issued to',
    service: 'Service',
    subject: 'Subject',
    registrationNumber: 'Registration number',
    basis: 'Basis of the decision',
    issuedOn: 'Date of issue',
    valid: 'Valid',
    log: 'In the transparency log',
    logIntro: 'The issuing event is a leaf of the log; below is its inclusion proof (RFC 6962), which the server checked against a signed checkpoint. You can check the proof yourself with the public key.',
    status: 'Result',
    statusVerified: 'verified',
    statusPending: 'not yet covered by a signed checkpoint',
    statusFailed: 'not verified',
    reason: 'Reason',
    position: 'Position in the log',
    leafIndex: 'Leaf index',
    leafHash: 'Leaf hash (SHA-256)',
    path: 'Audit path',
    pathEmpty: 'empty (the tree has one leaf)',
    treeSize: 'Tree size',
    rootHash: 'Root hash',
    checkpoint: 'Signed checkpoint',
    signedAt: 'Signed at',
    key: 'Verifier key',
    keyLink: 'The log’s public key',
  },
} as const;

type Label = keyof (typeof LABELS)['en'];
const label = (lang: Lang, key: Label): string => LABELS[lang][key];

const fact = (term: string, value: string | null, code = false): Html =>
  value === null || value === '' ? html`` : html`<dt>${term}</dt><dd${code ? html` class="hash"` : ''}>${value}</dd>\n`;

export const verifyPageTitle = (lang: Lang): string => label(lang, 'title');

export const renderVerifyPage = (lang: Lang, document: IssuedDocument, inclusion: DocumentInclusion, ctx: { readonly currentUrl: string; readonly demoData?: boolean }): string => {
  const l = (key: Label) => label(lang, key);
  const community = lang === 'hy' ? document.communityNameHy : document.communityNameEn;
  const service = lang === 'hy' ? document.serviceNameHy : document.serviceNameEn;
  const banner =
    inclusion.status === 'verified'
      ? html`<p class="verified" id="verdict" role="status"><strong>✓ ${l('statusVerified')}.</strong> ${l('verified')}</p>`
      : inclusion.status === 'pending'
        ? html`<p class="pending" id="verdict" role="status"><strong>${l('statusPending')}.</strong> ${l('pending')}</p>`
        : html`<p class="error" id="verdict" role="status"><strong>✗ ${l('statusFailed')}.</strong> ${l('failed')}</p>`;
  const statusWord = inclusion.status === 'verified' ? l('statusVerified') : inclusion.status === 'pending' ? l('statusPending') : l('statusFailed');
  const main = html`<h1>${l('title')}: ${l(document.kind)} N ${document.number}</h1>
${banner}
<h2>${l('document')}</h2>
<dl class="facts" id="document-facts">
${fact(l('kind'), l(document.kind))}${fact(l('number'), document.number)}${fact(l('community'), `${community} (${document.communityId})`)}${fact(l('holder'), document.holderName)}${fact(
    l('service'),
    service,
  )}${fact(l('subject'), document.subject)}${fact(l('registrationNumber'), document.registrationNumber)}${fact(l('basis'), document.basis)}${fact(l('issuedOn'), document.issuedOn)}${fact(
    l('valid'),
    document.validFrom && document.validUntil ? `${document.validFrom} – ${document.validUntil}` : null,
  )}</dl>
<h2>${l('log')}</h2>
<p>${l('logIntro')}</p>
<dl class="facts" id="inclusion">
${fact(l('status'), statusWord)}${fact(l('reason'), inclusion.reason)}${fact(l('position'), inclusion.position)}${fact(l('leafIndex'), inclusion.leafIndex === null ? null : String(inclusion.leafIndex))}${fact(
    l('leafHash'),
    inclusion.leafHash,
    true,
  )}<dt>${l('path')}</dt><dd>${
    inclusion.path.length === 0 ? l('pathEmpty') : html`<ol class="hash" id="audit-path">${join(inclusion.path.map((h) => html`<li>${h}</li>`))}</ol>`
  }</dd>
${fact(l('treeSize'), inclusion.treeSize === null ? null : String(inclusion.treeSize))}${fact(l('rootHash'), inclusion.rootHash, true)}${fact(l('signedAt'), inclusion.signedAt)}${fact(
    l('key'),
    inclusion.verifierKey,
    true,
  )}</dl>
${inclusion.checkpoint === null ? '' : html`<h3>${l('checkpoint')}</h3>\n<pre class="act-text hash" id="checkpoint">${inclusion.checkpoint}</pre>`}
<p><a href="/audit/public-key">${l('keyLink')}</a></p>`;
  return renderLayout(lang, { title: `${l('title')}: ${l(document.kind)} N ${document.number}`, currentUrl: ctx.currentUrl, main, demoData: ctx.demoData });
};
