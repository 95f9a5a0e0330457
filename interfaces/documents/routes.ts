/**
 * Issued documents over HTTP (not pages of the portal's page stack):
 *   GET /documents/<applicationId>.pdf  the permit or certificate as PDF — for its holder, the community's
 *                                       staff, the ministry and auditors (`request.caller`: a session or a
 *                                       bearer token); anyone else, and before issue: 404, the same answer
 *                                       as for an id that does not exist
 *   GET /verify/<applicationId>         the public check of a document (QR code target): its facts from the
 *                                       log and its audit inclusion proof, verified here; unknown: 404 page
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadIssuedDocument, mayHaveIssuedDocument } from '../../application/documents/issued-document';
import { verifyDocumentInclusion } from '../../application/documents/verify-document';
import type { AuditService } from '../../application/audit/audit-service';
import type { EventStore } from '../../application/ports/event-store';
import { renderErrorPage, requestLang, safeNext, SECURITY_HEADERS } from '../web';
import { renderIssuedDocumentPdf } from './pdf';
import { renderVerifyPage } from './verify-page';

export interface DocumentRoutesOptions {
  readonly eventStore: Pick<EventStore, 'readStream'>;
  readonly audit: AuditService;
  /** The server's public address: the QR code's /verify link is absolute. */
  readonly publicUrl: string;
  /** Whether the log holds demo cases (the public pages' banner). */
  readonly demoData?: () => Promise<boolean>;
}

const PDF_NAME = /^(.+)\.pdf$/;

/** An ASCII file name for the download. */
const fileNameOf = (kind: string, number: string): string => `${kind}-${number}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) + '.pdf';

export const registerDocumentRoutes = async (app: FastifyInstance, options: DocumentRoutesOptions): Promise<void> => {
  const notFound = (reply: FastifyReply) =>
    reply.code(404).header('cache-control', 'no-store').send({ error: 'There is no such document', code: 'NOT_FOUND' });

  app.get<{ Params: { file: string } }>('/documents/:file', async (request, reply) => {
    const match = PDF_NAME.exec(request.params.file);
    if (!match) return notFound(reply);
    const caller = request.caller;
    // A bad token or no caller learns as much as anyone else: nothing about which documents exist.
    if (!caller || caller.error || !caller.actor) return notFound(reply);
    const document = await loadIssuedDocument(options.eventStore, match[1]);
    if (!document || !mayHaveIssuedDocument(caller.actor, document)) return notFound(reply);
    const pdf = await renderIssuedDocumentPdf(document, { publicUrl: options.publicUrl });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${fileNameOf(document.kind, document.number)}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(pdf);
  });

  const demoData = async (request: FastifyRequest): Promise<boolean> => {
    try {
      return (await options.demoData?.()) ?? false;
    } catch (error) {
      request.log.error({ err: error }, 'could not tell whether the log holds demo data');
      return false;
    }
  };

  app.get<{ Params: { applicationId: string }; Querystring: Record<string, unknown> }>('/verify/:applicationId', async (request, reply) => {
    const lang = requestLang(request.query ?? {}, request.headers.cookie);
    const currentUrl = safeNext(request.url);
    reply.headers(SECURITY_HEADERS).header('content-type', 'text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-store');
    const document = await loadIssuedDocument(options.eventStore, request.params.applicationId);
    if (!document) return reply.code(404).send(renderErrorPage(lang, 'not-found', currentUrl, undefined, await demoData(request)));
    const inclusion = await verifyDocumentInclusion(options.audit, document.event);
    return reply.send(renderVerifyPage(lang, document, inclusion, { currentUrl, demoData: await demoData(request) }));
  });
};
