/**
 * GraphiQL at /graphiql, served entirely from this server: the Yoga GraphiQL bundle (React, GraphiQL,
 * the Monaco editor and its workers) ships inside the npm package @graphql-yoga/render-graphiql, so the
 * page works without internet (mercurius's own page loads React and GraphiQL from a CDN).
 *
 *   GET /graphiql                                   a small HTML page (no inline script)
 *   GET /graphiql/assets/<hash>/<file>              the bundle, its stylesheet, the editor's workers,
 *                                                   the start script; cached for a year (a hash of
 *                                                   the bundle is in the path)
 *
 * Each asset is compressed once per coding (Brotli, else gzip, by Accept-Encoding) on its first request
 * and kept: about 8 MB of JavaScript become about 2 MB on the wire, and a server that nobody opens
 * GraphiQL on spends no CPU on it. Queries and mutations go to POST /graphql; subscriptions to the
 * same-origin graphql-ws endpoint (ws(s)://<host>/graphql), with the `authorization` header of the
 * headers editor sent in `connection_init`, as the server expects from every graphql-ws client.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as bundle from '@graphql-yoga/render-graphiql/graphiql';

export const GRAPHIQL_PATH = '/graphiql';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const JS = 'application/javascript; charset=utf-8';

/** Runs in the page: hands GraphiQL the editor's workers and the same-origin endpoint, over graphql-ws. */
const startScript = (assets: string, endpoint: string): string => `'use strict';
(function () {
  var workers = {
    editorWorkerService: '${assets}/editor.worker.js',
    json: '${assets}/json.worker.js',
    graphql: '${assets}/graphql.worker.js'
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label] || workers.editorWorkerService; } };
  // The headers editor's JSON (kept by GraphiQL in localStorage): its authorization goes in connection_init.
  function editorHeaders() {
    try {
      var tabs = JSON.parse(localStorage.getItem('graphiql:tabState') || 'null');
      var tab = tabs && tabs.tabs && tabs.tabs[tabs.activeTabIndex || 0];
      var text = (tab && tab.headers) || localStorage.getItem('graphiql:headers') || '{}';
      var headers = JSON.parse(text);
      return headers && typeof headers === 'object' ? headers : {};
    } catch (e) {
      return {};
    }
  }
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('graphiql'), {
    title: 'Hamaynk GraphiQL',
    endpoint: '${endpoint}',
    subscriptionsProtocol: 'WS',
    connectionParams: function () {
      var headers = editorHeaders();
      var authorization = headers.authorization || headers.Authorization;
      return authorization ? { authorization: authorization } : {};
    },
    defaultQuery: '# Hamaynk: the GraphQL API of the Community Management Information System (ՀԿՏՀ).\\n' +
      '# Public queries need no token; others take {"authorization": "Bearer <token>"} in Headers below.\\n\\n' +
      'query {\\n  serverInfo {\\n    name\\n    version\\n    head\\n  }\\n}\\n'
  });
})();
`;

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  /** Compressed bodies, made on first request. */
  readonly coded: Map<'br' | 'gzip', Promise<Buffer>>;
}

const asset = (type: string, body: string | Buffer): Asset => ({ type, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, coded: new Map() });

const codedBody = (a: Asset, coding: 'br' | 'gzip'): Promise<Buffer> => {
  let pending = a.coded.get(coding);
  if (!pending) {
    pending =
      coding === 'br'
        ? brotli(a.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: a.body.length } })
        : gzip(a.body, { level: 6 });
    a.coded.set(coding, pending);
  }
  return pending;
};

/** Content codings the client accepts (q > 0). */
const accepts = (header: string | string[] | undefined, coding: string): boolean =>
  (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return name === coding && !(q !== undefined && Number(q.slice(2)) === 0);
  });

const send = async (request: FastifyRequest, reply: FastifyReply, a: Asset, cacheControl: string): Promise<FastifyReply> => {
  reply.header('content-type', a.type).header('cache-control', cacheControl).header('vary', 'Accept-Encoding').header('x-content-type-options', 'nosniff');
  const accepted = request.headers['accept-encoding'];
  const coding = accepts(accepted, 'br') ? 'br' : accepts(accepted, 'gzip') ? 'gzip' : null;
  if (coding === null || a.body.length < 1024) return reply.send(a.body);
  return reply.header('content-encoding', coding).send(await codedBody(a, coding));
};

/**
 * What the page may load: only this server. The editor's styles are set inline by React and Monaco, and
 * Monaco's icons are data: fonts; everything else (scripts, workers, requests, sockets) is 'self'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const registerGraphiql = (app: FastifyInstance, options: { endpoint: string }): void => {
  const hash = createHash('sha256');
  for (const part of [bundle.js, bundle.css, bundle.editorWorkerService, bundle.jsonWorker, bundle.graphqlWorker, bundle.favicon, options.endpoint]) hash.update(part).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  const assetsPath = `${GRAPHIQL_PATH}/assets/${version}`;
  const favicon = /^data:[^;]+;base64,(.*)$/s.exec(bundle.favicon);
  const assets = new Map<string, Asset>([
    ['graphiql.js', asset(JS, bundle.js)],
    ['graphiql.css', asset('text/css; charset=utf-8', bundle.css)],
    ['editor.worker.js', asset(JS, bundle.editorWorkerService)],
    ['json.worker.js', asset(JS, bundle.jsonWorker)],
    ['graphql.worker.js', asset(JS, bundle.graphqlWorker)],
    ['start.js', asset(JS, startScript(assetsPath, options.endpoint))],
    ...(favicon ? [['favicon.ico', asset('image/x-icon', Buffer.from(favicon[1], 'base64'))] as const] : []),
  ]);
  const page = asset(
    'text/html; charset=utf-8',
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hamaynk GraphiQL</title>
${favicon ? `<link rel="icon" href="${assetsPath}/favicon.ico">` : ''}
<link rel="stylesheet" href="${assetsPath}/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<noscript>GraphiQL needs JavaScript. The API itself is at ${options.endpoint} (POST, application/json).</noscript>
<div id="graphiql"></div>
<script src="${assetsPath}/graphiql.js"></script>
<script src="${assetsPath}/start.js"></script>
</body>
</html>
`,
  );

  app.get(GRAPHIQL_PATH, async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('referrer-policy', 'same-origin');
    return send(request, reply, page, 'no-cache');
  });
  app.get<{ Params: { version: string; file: string } }>(`${GRAPHIQL_PATH}/assets/:version/:file`, async (request, reply) => {
    const found = request.params.version === version ? assets.get(request.params.file) : undefined;
    if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return send(request, reply, found, 'public, max-age=31536000, immutable');
  });
};
