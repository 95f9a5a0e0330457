/**
 * POSTs webhook deliveries with undici: a keep-alive pool per receiver (one connection per webhook at a
 * time, since each webhook delivers in order), a deadline for the whole request (`timeoutMs`: connect,
 * answer and body), and no redirects followed (a 3xx is a failed delivery: a receiver moved elsewhere is
 * re-registered, and following one could send the signed event to an address nobody registered).
 */
import { Agent, request } from 'undici';
import type { WebhookTransport } from '../../application/webhooks/delivery';

export class HttpWebhookTransport implements WebhookTransport {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

  async post(url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number, stop?: AbortSignal): Promise<number> {
    const timeout = AbortSignal.timeout(timeoutMs);
    // Stopping the delivery (shutdown, lease lost) abandons the request: whoever delivers next sends it again.
    const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
    try {
      const res = await request(url, { method: 'POST', body, headers: { ...headers, 'user-agent': 'Hamaynk-Webhooks/1' }, dispatcher: this.agent, signal, maxRedirections: 0 } as never);
      // The answer's body is not read for anything, but must be consumed for the connection to be reused.
      await res.body.dump({ limit: 1 << 20, signal });
      return res.statusCode;
    } catch (error) {
      if (stop?.aborted) throw new Error('delivery stopped');
      if (timeout.aborted) throw new Error(`timeout after ${timeoutMs} ms`);
      const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      throw new Error(`connection failed: ${e.code ?? e.cause?.code ?? e.message}`);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
