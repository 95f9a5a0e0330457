/**
 * A server span for each HTTP request, continuing the trace of a valid `traceparent` header (an invalid
 * or forged one starts a new trace: the W3C propagator ignores it). The rest of the request (GraphQL,
 * commands) runs inside the span's context, so its spans are children of it.
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const tracer = trace.getTracer('hamaynk-http');
const spans = new WeakMap<FastifyRequest, Span>();

export const addTracingHooks = (app: FastifyInstance): void => {
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(context.active(), request.headers);
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    const span = tracer.startSpan(`${request.method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'hamaynk.request_id': request.id } }, parent);
    spans.set(request, span);
    // The rest of the request's hooks and its handler continue in this context.
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
};
