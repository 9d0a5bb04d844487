import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file inside `root`, or null. Decoding happens once, and the result
 * must still lie inside root, so `..`, encoded `%2e%2e%2f` and absolute paths can't escape.
 * Paths without an extension are the app's own routes and get index.html.
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  const inside = relative(root, candidate);
  if (inside.startsWith('..') || inside.includes(`..${sep}`) || normalize(candidate) === normalize(join(root, '..'))) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (extname(decoded) === '') return join(root, 'index.html');
  return null;
}

export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The renderer's Content-Security-Policy; `connect` adds what the page may connect to besides itself. */
export function rendererCsp(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["connect-src 'self'", ...connect].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function sendFile(response: ServerResponse, file: string, headers: Record<string, string>): void {
  const type = contentTypeOf(file);
  const cache = file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600';
  response.writeHead(200, { ...headers, 'content-type': type, 'cache-control': cache, 'content-length': statSync(file).size });
  createReadStream(file).pipe(response);
}
