/**
 * Paying a fee online (docs/portal.md "Payments"), the routes that are not pages of the portal:
 * - POST /payments/start (`feeId`): the resident who owes the fee is redirected (303) to the gateway with
 *   the fee's balance; by session, the form's CSRF token is needed.
 * - POST /payments/notify: the gateway's signed notification. The signature is checked on the RAW bytes
 *   before anything is parsed (HTTP 401, nothing recorded); then the payment is recorded through the
 *   command bus. 200 `{ status: "recorded" | "already-recorded", … }`; refusals answer JSON
 *   `{ code, reason, message }` with 400, 404 or 409 (e.g. PAYMENT_EXCEEDS_BALANCE), which is how the
 *   gateway is told.
 * - GET /payments/return: where the gateway sends the payer back; says what happened.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CommandHandler } from '../../application/command-handler';
import type { Commands } from '../../application/commands/registry';
import { isHamaynkError, type HamaynkError } from '../../application/errors';
import type { Clock } from '../../application/ids';
import { currentFee, recordGatewayPayment, startPayment } from '../../application/payments/payments';
import { SIGNATURE_HEADER, signatureValid } from '../../application/payments/signature';
import type { PaymentGateway } from '../../application/ports/payment-gateway';
import { decideRead } from '../../application/read-policy';
import { html } from '../web/html';
import { renderLayout } from '../web/layout';
import { requestLang, safeNext, SECURITY_HEADERS } from '../web';
import { actorOfRequest } from './files';
import { signedInPerson, verifyCsrf } from './sessions';

export interface PaymentRoutesDeps {
  readonly handler: CommandHandler;
  readonly commands: Commands;
  readonly clock: Clock;
  readonly gateway: PaymentGateway;
  /** The secret the gateway signs its notifications with. */
  readonly secret: string;
  /** PUBLIC_URL: the return and notification addresses are under it. */
  readonly publicUrl: string;
}

const NOTIFICATION_BODY_LIMIT = 16 * 1024;

/** The HTTP status of a refusal. */
export const httpStatusOf = (error: HamaynkError): number =>
  ({ VALIDATION_FAILED: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONCURRENCY_CONFLICT: 409, INVALID_TRANSITION: 409, RATE_LIMITED: 429, UPSTREAM_UNAVAILABLE: 502 })[
    error.code as string
  ] ?? 500;

const sendRefusal = (reply: FastifyReply, error: unknown): FastifyReply => {
  if (!isHamaynkError(error)) throw error;
  const { reason, fields } = error as HamaynkError & { reason?: string; fields?: readonly string[] };
  return reply
    .code(httpStatusOf(error))
    .header('cache-control', 'no-store')
    .send({ code: error.code, ...(reason ? { reason } : {}), message: error.message, ...(fields && fields.length ? { fields } : {}) });
};

const RESULT_TEXT = {
  hy: {
    title: 'Վճարում',
    paid: 'Վճարումը գրանցված է։',
    refused: 'Վճարումը մերժվեց, ոչինչ չի գրանցվել։',
    cancelled: 'Վճարումը չեղարկվեց, ոչինչ չի գրանցվել։',
    unknown: 'Վճարման արդյունքն անհայտ է։',
    fee: 'Վճար',
    status: 'Կարգավիճակ',
    balance: 'Մնացորդ',
    reason: 'Պատճառ',
    back: 'Վերադառնալ',
  },
  en: {
    title: 'Payment',
    paid: 'The payment is recorded.',
    refused: 'The payment was refused; nothing was recorded.',
    cancelled: 'The payment was cancelled; nothing was recorded.',
    unknown: 'The outcome of the payment is not known.',
    fee: 'Fee',
    status: 'Status',
    balance: 'Balance',
    reason: 'Reason',
    back: 'Go back',
  },
} as const;

/** POST /payments/notify, on an instance whose only body parser keeps the raw bytes. */
const registerNotify = (app: FastifyInstance, deps: PaymentRoutesDeps): void => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFICATION_BODY_LIMIT }, (_request, body, done) => done(null, body));
  app.post('/payments/notify', async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!signatureValid(deps.secret, raw, request.headers[SIGNATURE_HEADER])) {
      return reply.code(401).send({ code: 'UNAUTHENTICATED', reason: 'SIGNATURE_INVALID', message: `The ${SIGNATURE_HEADER} header is missing or is not the HMAC-SHA256 of the body` });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ code: 'VALIDATION_FAILED', reason: 'BODY_NOT_JSON', message: 'The body is not JSON' });
    }
    try {
      const { recorded, fee } = await recordGatewayPayment(deps, body);
      const { transactionId } = body as { transactionId: string };
      return { status: recorded ? 'recorded' : 'already-recorded', feeId: fee.id, transactionId, feeStatus: fee.status, balanceAmd: fee.balanceAmd };
    } catch (error) {
      return sendRefusal(reply, error);
    }
  });
};

export const registerPayments = async (app: FastifyInstance, deps: PaymentRoutesDeps): Promise<void> => {
  const returnUrlOf = (feeId: string, next: string | undefined): string =>
    `${deps.publicUrl}/payments/return?${new URLSearchParams({ feeId, ...(next ? { next: safeNext(next) } : {}) })}`;

  app.post<{ Body: { feeId?: unknown; next?: unknown } | undefined }>(
    '/payments/start',
    // By session a CSRF token is needed (a page's pay form carries it); a bearer token needs none.
    { preHandler: async (request, reply) => (signedInPerson(request) ? verifyCsrf(request, reply) : undefined) },
    async (request, reply) => {
      const feeId = typeof request.body?.feeId === 'string' ? request.body.feeId : '';
      const next = typeof request.body?.next === 'string' ? request.body.next : undefined;
      try {
        const { checkoutUrl } = await startPayment(deps, actorOfRequest(request), feeId, { returnUrl: returnUrlOf(feeId, next), notifyUrl: `${deps.publicUrl}/payments/notify` });
        return reply.header('cache-control', 'no-store').redirect(checkoutUrl, 303);
      } catch (error) {
        return sendRefusal(reply, error);
      }
    },
  );

  // In a scope of its own, with its own content-type parser: the body stays the raw bytes the signature was computed on.
  await app.register(async (notifications) => registerNotify(notifications, deps));

  app.get<{ Querystring: Record<string, string | undefined> }>('/payments/return', async (request, reply) => {
    const lang = requestLang(request.query, request.headers.cookie);
    const text = RESULT_TEXT[lang];
    const { feeId = '', result = '', reason } = request.query;
    const outcome = result === 'paid' || result === 'refused' || result === 'cancelled' ? result : 'unknown';
    const fee = await currentFee(deps, feeId);
    // The fee's facts only for those who may read it (the payer, its community's staff, ministry, auditors).
    const readable =
      fee !== null && decideRead(actorOfRequest(request), { kind: 'case', caseKind: 'fee', id: fee.id, found: { communityId: fee.communityId, ownerId: fee.payerId } }).allowed;
    const main = html`<h1>${text.title}</h1>
<p id="payment-result" data-result="${outcome}" role="status">${text[outcome]}</p>
${outcome === 'refused' && reason ? html`<p>${text.reason}: <code>${reason}</code></p>` : ''}
${readable && fee
  ? html`<dl id="payment-fee">
<dt>${text.fee}</dt><dd>${fee.code} (${fee.id})</dd>
<dt>${text.status}</dt><dd data-status="${fee.status}">${fee.status}</dd>
<dt>${text.balance}</dt><dd data-balance="${fee.balanceAmd}">${fee.balanceAmd.toLocaleString('en-US')} ֏</dd>
</dl>`
  : ''}
<p><a href="${safeNext(request.query.next ?? '/account')}">${text.back}</a></p>`;
    return reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' })
      .type('text/html; charset=utf-8')
      .send(renderLayout(lang, { title: text.title, currentUrl: safeNext(request.url), main }));
  });
};
