/**
 * OpenTelemetry traces: exported by OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter
 * reads the standard OTEL_* variables itself), off otherwise. Off, no tracer provider is registered and
 * the API's spans are non-recording no-ops, so the request path pays next to nothing. Registering the
 * Node provider also installs the AsyncLocalStorage context manager and the W3C `traceparent` propagator.
 */
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  readonly enabled: boolean;
  /** Flushes the spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };

/**
 * @param exporter a test's exporter (spans exported one by one as they end); without one, OTLP/HTTP when
 *   the endpoint is configured, else tracing stays off.
 */
export const startTracing = (env: NodeJS.ProcessEnv = process.env, exporter?: SpanExporter): Tracing => {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!exporter && !endpoint) return OFF;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || 'hamaynk' }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return {
    enabled: true,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
};
