import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { secretsEqual } from '../loopback/request-guard.ts';

export const SESSION_COOKIE = 'sessionguard_session';

/**
 * Browser mode's door: the URL printed in the terminal carries a one-time token; opening it
 * trades the token for an HttpOnly, SameSite=Strict cookie, after which the token is spent.
 * Every later request, the WebSocket included, must carry that cookie.
 */
export class WebAuth {
  readonly token: string;
  private tokenSpent = false;
  private readonly sessions: string[] = [];

  constructor(token = randomBytes(32).toString('base64url')) {
    this.token = token;
  }

  /** Exchanges a valid, unspent token for a new session secret. */
  exchange(given: string): string | null {
    if (this.tokenSpent || !secretsEqual(given, this.token)) return null;
    this.tokenSpent = true;
    const secret = randomBytes(32).toString('base64url');
    this.sessions.push(secret);
    return secret;
  }

  isAuthenticated(request: IncomingMessage): boolean {
    const given = readCookie(request, SESSION_COOKIE);
    if (given === null) return false;
    let match = false;
    for (const secret of this.sessions) match = secretsEqual(given, secret) || match;
    return match;
  }
}

function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
