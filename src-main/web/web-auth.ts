import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BRIDGE_KEY_PROTOCOL_PREFIX, BRIDGE_PROTOCOL } from '../contract/bridge-protocol.ts';
import { secretsEqual } from '../loopback/request-guard.ts';

interface SignedIn {
  /** The cookie's value: lets this browser load the app's files. */
  secret: string;
  /** Held by the page's script alone: opens the bridge. */
  bridgeKey: string;
}

export interface Exchange {
  setCookie: string;
  bridgeKey: string;
}

/** Sign-in links not yet opened, at most: a new one pushes out the oldest. */
const MAX_OPEN_LINKS = 8;

/** Long enough for "while the server runs": the cookie's name changes with each start anyway. */
const SIGN_IN_MAX_AGE_S = 400 * 24 * 60 * 60;

/**
 * Browser mode's door. The URL printed in the terminal carries a one-time token; opening it
 * trades the token for two secrets, after which the token is spent (`newLink` makes another,
 * for a browser that lost its sign-in or a second one):
 *
 * - an HttpOnly, SameSite=Strict cookie that lets the browser load the app's files. Cookies
 *   ignore the port, so the browser also sends it to every other server on 127.0.0.1, and any
 *   of them can read and replay it: on its own it opens nothing that matters.
 * - a bridge key, handed to the page in the redirect's fragment (which is never sent to any
 *   server) and kept in the page's localStorage, which belongs to this origin, port included.
 *   The WebSocket upgrade needs the cookie, the key (offered as a subprotocol) and our Origin.
 *
 * The cookie's name carries the port and a secret of this start, so two instances on two ports
 * don't overwrite each other's sign-in, and a cookie of an earlier start is not even looked at.
 */
export class WebAuth {
  /** The first link's token, printed at start. */
  readonly token: string;
  private readonly startId = randomBytes(6).toString('hex');
  private readonly port: () => number;
  /** Tokens of links not opened yet, oldest first. */
  private readonly openTokens: string[] = [];
  private readonly sessions: SignedIn[] = [];

  constructor(options: { port: () => number; token?: string | undefined }) {
    this.token = options.token ?? randomBytes(32).toString('base64url');
    this.openTokens.push(this.token);
    this.port = options.port;
  }

  /** A fresh one-time token; sign-ins made before it keep working. */
  newToken(): string {
    const token = randomBytes(32).toString('base64url');
    this.openTokens.push(token);
    if (this.openTokens.length > MAX_OPEN_LINKS) this.openTokens.shift();
    return token;
  }

  get cookieName(): string {
    return `sessionguard_${this.port()}_${this.startId}`;
  }

  /** Exchanges a valid, unspent token for a signed-in browser. */
  exchange(given: string): Exchange | null {
    // Every open token is compared, so the time taken says nothing about which one matched.
    let at = -1;
    this.openTokens.forEach((token, index) => {
      if (secretsEqual(given, token)) at = index;
    });
    if (at === -1) return null;
    this.openTokens.splice(at, 1);
    const signedIn = { secret: randomBytes(32).toString('base64url'), bridgeKey: randomBytes(32).toString('base64url') };
    this.sessions.push(signedIn);
    return {
      setCookie: `${this.cookieName}=${signedIn.secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SIGN_IN_MAX_AGE_S}`,
      bridgeKey: signedIn.bridgeKey,
    };
  }

  isAuthenticated(request: IncomingMessage): boolean {
    return this.sessionOf(request) !== null;
  }

  /** The cookie and the bridge key of the same sign-in, both required. */
  mayOpenBridge(request: IncomingMessage): boolean {
    const session = this.sessionOf(request);
    const offered = offeredBridgeKey(request);
    return session !== null && offered !== null && secretsEqual(offered, session.bridgeKey);
  }

  private sessionOf(request: IncomingMessage): SignedIn | null {
    const given = readCookie(request, this.cookieName);
    if (given === null) return null;
    let found: SignedIn | null = null;
    for (const session of this.sessions) if (secretsEqual(given, session.secret)) found = session;
    return found;
  }
}

/** `Sec-WebSocket-Protocol: sessionguard, sessionguard-key.<key>`; both must be offered. */
function offeredBridgeKey(request: IncomingMessage): string | null {
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return null;
  const offered = header.split(',').map((p) => p.trim());
  if (!offered.includes(BRIDGE_PROTOCOL)) return null;
  const key = offered.find((p) => p.startsWith(BRIDGE_KEY_PROTOCOL_PREFIX));
  return key === undefined ? null : key.slice(BRIDGE_KEY_PROTOCOL_PREFIX.length);
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
