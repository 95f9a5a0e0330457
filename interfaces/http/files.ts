/**
 * GET /files/<caseKind>/<caseId>/<sha256>: a case's file, streamed to those who may read the case
 * (application/files/downloads.ts); everyone else gets the same 404 as for a file that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandHandler } from '../../application/command-handler';
import { caseFileFor } from '../../application/files/downloads';
import type { Actor } from '../../application/ports/event-store';
import type { FileStore } from '../../application/ports/file-store';

/** The request's actor: its session's or bearer token's (interfaces/http/caller.ts); a bad token counts as none. */
export const actorOfRequest = (request: FastifyRequest): Actor | null => (request.caller?.error ? null : (request.caller?.actor ?? null));

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187), so Armenian names survive. */
export const attachmentDisposition = (name: string): string => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

export const registerFileDownloads = (app: FastifyInstance, deps: { readonly handler: CommandHandler; readonly files: FileStore }): void => {
  app.get<{ Params: { caseKind: string; caseId: string; sha256: string } }>('/files/:caseKind/:caseId/:sha256', async (request, reply) => {
    const { caseKind, caseId, sha256 } = request.params;
    const file = await caseFileFor(deps, actorOfRequest(request), caseKind, caseId, sha256);
    if (!file) return reply.code(404).type('application/json; charset=utf-8').send({ error: 'No such file', code: 'FILE_NOT_FOUND' });
    return reply
      .header('content-type', file.attachment.type)
      .header('content-length', String(file.attachment.size))
      .header('content-disposition', attachmentDisposition(file.attachment.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
};
