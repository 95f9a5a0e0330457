/**
 * The SANDBOX payment gateway, mounted at /sandbox-pay only when no PAYMENT_GATEWAY_URL is configured: a
 * stand-in for the bank's page, for development and tests. No money moves, and every page says so in
 * Armenian and English. Its page shows the fee and the amount asked, with an editable amount (so a tester can
 * try paying more than the balance), a "Pay" and a "Cancel" button. "Pay" makes a transaction id, notifies
 * POST /payments/notify exactly as a real gateway would (the JSON body signed with the gateway secret), and
 * sends the payer back to Hamaynk — or, when Hamaynk refused the notification, shows the refusal.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import type { Clock } from '../../application/ids';
import { signatureOf, SIGNATURE_HEADER } from '../../application/payments/signature';
import { sandboxCheckoutValid, SANDBOX_PAY_PATH, type SandboxCheckout } from '../../infrastructure/payments/sandbox-payment-gateway';
import { html, type Html } from '../web/html';
import { renderLayout } from '../web/layout';
import { requestLang, safeNext, SECURITY_HEADERS } from '../web';
import type { Lang } from '../web/i18n';

const TEXT = {
  hy: {
    title: 'Վճարման փորձարկման դարպաս',
    sandbox: 'Սա փորձարկման միջավայր է (sandbox). իրական գումար չի փոխանցվում։',
    fee: 'Վճար',
    description: 'Նկարագրություն',
    asked: 'Պահանջվող գումար',
    amount: 'Վճարվող գումար (դրամ)',
    pay: 'Վճարել',
    cancel: 'Չեղարկել',
    refusedTitle: 'Համայնքը մերժեց վճարումը',
    refusedText: 'Hamaynk-ը չընդունեց վճարման ծանուցումը, ոչինչ չի գրանցվել։',
    back: 'Վերադառնալ Hamaynk',
    invalid: 'Այս վճարումը չի սկսվել Hamaynk-ում կամ ժամկետանց է։',
    amountInvalid: 'Գրեք դրամի ամբողջ թիվ՝ 1-ից մեծ կամ հավասար։',
  },
  en: {
    title: 'Payment gateway sandbox',
    sandbox: 'This is a sandbox: no real money moves.',
    fee: 'Fee',
    description: 'Description',
    asked: 'Amount asked',
    amount: 'Amount to pay (drams)',
    pay: 'Pay',
    cancel: 'Cancel',
    refusedTitle: 'The municipality refused the payment',
    refusedText: 'Hamaynk did not accept the payment notification; nothing was recorded.',
    back: 'Back to Hamaynk',
    invalid: 'This payment was not started by Hamaynk, or it has expired.',
    amountInvalid: 'Enter a whole number of drams, 1 or more.',
  },
} as const;

type Fields = Record<string, string | undefined>;

const checkoutOf = (f: Fields): SandboxCheckout => ({
  feeId: f.feeId ?? '',
  amountAmd: f.amountAmd ?? '',
  description: f.description ?? '',
  returnUrl: f.returnUrl ?? '',
  expires: f.expires ?? '',
});

/** The sandbox notice, in both languages whatever the page's language. */
const notice = (): Html => html`<div class="demo-banner" role="region" aria-label="Sandbox" id="sandbox-notice">
<p><strong lang="hy">${TEXT.hy.sandbox}</strong></p>
<p><strong lang="en">${TEXT.en.sandbox}</strong></p>
</div>`;

/** `returnUrl` with the outcome added. */
const back = (returnUrl: string, outcome: Record<string, string>): string => {
  const url = new URL(returnUrl);
  for (const [k, v] of Object.entries(outcome)) url.searchParams.set(k, v);
  return url.toString();
};

export interface SandboxPayDeps {
  readonly secret: string;
  readonly clock: Clock;
  /** PUBLIC_URL: the sandbox only sends payers back under it (no open redirect). */
  readonly publicUrl: string;
}

export const registerSandboxPay = async (app: FastifyInstance, deps: SandboxPayDeps): Promise<void> => {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(fastifyFormbody);

  const valid = (f: Fields): SandboxCheckout | null => {
    const checkout = checkoutOf(f);
    if (!sandboxCheckoutValid(deps.secret, checkout, f.checkout ?? '', deps.clock.now())) return null;
    // Signed by this server, so under PUBLIC_URL already; checked again all the same.
    return checkout.returnUrl.startsWith(`${deps.publicUrl}/`) ? checkout : null;
  };

  const page = (request: FastifyRequest, reply: FastifyReply, lang: Lang, status: number, main: Html): FastifyReply =>
    reply
      .code(status)
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' })
      .type('text/html; charset=utf-8')
      .send(renderLayout(lang, { title: TEXT[lang].title, currentUrl: safeNext(request.url), main: html`${notice()}${main}` }));

  const hidden = (checkout: SandboxCheckout, mac: string): Html =>
    html`<input type="hidden" name="feeId" value="${checkout.feeId}"><input type="hidden" name="amountAmd" value="${checkout.amountAmd}"><input type="hidden" name="description" value="${checkout.description}"><input type="hidden" name="returnUrl" value="${checkout.returnUrl}"><input type="hidden" name="expires" value="${checkout.expires}"><input type="hidden" name="checkout" value="${mac}">`;

  const payPage = (request: FastifyRequest, reply: FastifyReply, f: Fields, amountError: boolean): FastifyReply => {
    const lang = requestLang(request.query as Fields, request.headers.cookie);
    const text = TEXT[lang];
    const checkout = valid(f);
    if (!checkout) return page(request, reply, lang, 400, html`<h1>${text.title}</h1><p id="sandbox-error">${text.invalid}</p>`);
    const amount = f.payAmd ?? checkout.amountAmd;
    return page(
      request,
      reply,
      lang,
      amountError ? 400 : 200,
      html`<h1>${text.title}</h1>
<dl>
<dt>${text.fee}</dt><dd id="sandbox-fee">${checkout.feeId}</dd>
<dt>${text.description}</dt><dd>${checkout.description}</dd>
<dt>${text.asked}</dt><dd id="sandbox-amount">${Number(checkout.amountAmd).toLocaleString('en-US')} ֏</dd>
</dl>
<form method="post" action="${SANDBOX_PAY_PATH}/pay" id="sandbox-pay">
${hidden(checkout, f.checkout ?? '')}
<p><label for="payAmd">${text.amount}</label>
${amountError ? html`<span class="error" id="payAmd-error">${text.amountInvalid}</span>` : ''}
<input id="payAmd" name="payAmd" type="text" inputmode="numeric" autocomplete="off" required value="${amount}"${amountError ? html` aria-invalid="true" aria-describedby="payAmd-error"` : ''}></p>
<p><button type="submit">${text.pay}</button></p>
</form>
<form method="post" action="${SANDBOX_PAY_PATH}/cancel" id="sandbox-cancel">
${hidden(checkout, f.checkout ?? '')}
<p><button type="submit">${text.cancel}</button></p>
</form>`,
    );
  };

  app.get<{ Querystring: Fields }>('/sandbox-pay', async (request, reply) => payPage(request, reply, request.query, false));

  app.post<{ Body: Fields }>('/sandbox-pay/pay', async (request, reply) => {
    const f = request.body ?? {};
    const checkout = valid(f);
    if (!checkout || !/^[1-9][0-9]{0,12}$/.test(f.payAmd ?? '')) return payPage(request, reply, f, checkout !== null);
    const transactionId = `sandbox-${randomUUID()}`;
    const body = JSON.stringify({ transactionId, feeId: checkout.feeId, amountAmd: Number(f.payAmd), paidAt: deps.clock.now().toISOString() });
    // Delivered as a real gateway would deliver it: the signed JSON to POST /payments/notify.
    const answer = await app.inject({ method: 'POST', url: '/payments/notify', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureOf(deps.secret, body) }, payload: body });
    if (answer.statusCode === 200) return reply.header('cache-control', 'no-store').redirect(back(checkout.returnUrl, { result: 'paid', transactionId }), 303);
    let refusal: { code?: string; reason?: string; message?: string } = {};
    try {
      refusal = JSON.parse(answer.body) as typeof refusal;
    } catch {
      refusal = { message: answer.body.slice(0, 200) };
    }
    const lang = requestLang(request.query as Fields, request.headers.cookie);
    const text = TEXT[lang];
    return page(
      request,
      reply,
      lang,
      200,
      html`<h1>${text.refusedTitle}</h1>
<p>${text.refusedText}</p>
<dl id="sandbox-refusal">
<dt>HTTP</dt><dd id="sandbox-refusal-status">${answer.statusCode}</dd>
<dt>code</dt><dd id="sandbox-refusal-code">${refusal.code ?? ''}</dd>
<dt>reason</dt><dd id="sandbox-refusal-reason">${refusal.reason ?? ''}</dd>
<dt>message</dt><dd>${refusal.message ?? ''}</dd>
</dl>
<p><a id="sandbox-back" href="${back(checkout.returnUrl, { result: 'refused', reason: refusal.reason ?? refusal.code ?? 'REFUSED' })}">${text.back}</a></p>`,
    );
  });

  app.post<{ Body: Fields }>('/sandbox-pay/cancel', async (request, reply) => {
    const checkout = valid(request.body ?? {});
    if (!checkout) return payPage(request, reply, request.body ?? {}, false);
    return reply.header('cache-control', 'no-store').redirect(back(checkout.returnUrl, { result: 'cancelled' }), 303);
  });
};
