/**
 * Whether a webhook URL points at this server itself: a webhook POSTing each event back to the server
 * would make the server call itself for ever (and let a caller make it send requests to its own routes).
 * A URL is this server's when its host and port are PUBLIC_URL's, or its port is the listening port and
 * its host is the listening address, a loopback or unspecified address, `localhost`, or an address of this
 * machine's network interfaces. (A DNS name of this machine other than PUBLIC_URL's is not resolved here.)
 */
export interface ThisServer {
  /** PUBLIC_URL. */
  readonly publicUrl: string;
  /** The address the server listens on (HOST) and its port (PORT). */
  readonly host: string;
  readonly port: number;
  /** This machine's interface addresses (os.networkInterfaces()). */
  readonly localAddresses?: readonly string[];
}

const defaultPort = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

const bare = (host: string): string => host.replace(/^\[|\]$/g, '').toLowerCase();

const isLoopbackOrAny = (host: string): boolean =>
  host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::' || host === '::ffff:127.0.0.1';

export const pointsAtThisServer = (server: ThisServer) => {
  const listening = new Set([bare(server.host), ...(server.localAddresses ?? []).map(bare)]);
  let publicHost: string | null = null;
  let publicPort = -1;
  try {
    const p = new URL(server.publicUrl);
    publicHost = bare(p.hostname);
    publicPort = defaultPort(p);
  } catch {
    // No PUBLIC_URL to compare with: the listening address alone.
  }
  return (url: string): boolean => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return false;
    }
    const host = bare(target.hostname);
    const port = defaultPort(target);
    if (host === publicHost && port === publicPort) return true;
    if (port !== server.port) return false;
    return listening.has(host) || isLoopbackOrAny(host);
  };
};
