import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Checks every loopback server of Sessionguard applies before it reads a request: the peer is
 * this machine, the Host is exactly ours (which also defeats DNS rebinding: `127.1`, hex or
 * octal spellings and other names are foreign), and a browser Origin, if sent, is ours.
 */
export function isLoopbackPeer(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostIsOurs(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase());
}

/**
 * RFC 9112 section 3.2: a request with more than one Host line gets 400, and so does a target in
 * absolute form (`GET http://evil.example/ HTTP/1.1`, which only proxies are sent) naming another
 * host than its Host line: the server would otherwise judge one host and serve the other. Node
 * keeps the first of two Host lines in `headers.host`, so the raw lines are counted.
 */
export const MALFORMED_HOST_MESSAGE = 'Send exactly one Host line, and the path alone as the request target (RFC 9112, section 3.2).';

export function hostIsMalformed(request: IncomingMessage): boolean {
  let hostLines = 0;
  for (let i = 0; i < request.rawHeaders.length; i += 2) if (request.rawHeaders[i]!.toLowerCase() === 'host') hostLines += 1;
  if (hostLines > 1) return true;
  const target = request.url ?? '/';
  if (target.startsWith('/')) return false;
  let authority: string;
  try {
    authority = new URL(target).host;
  } catch {
    return true;
  }
  return authority !== (request.headers.host ?? '').toLowerCase();
}

/** No Origin (a script, curl) is fine; a page's Origin must be our own. */
export function originIsOursOrAbsent(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Compares secrets in constant time; hashing first makes the lengths equal. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}
