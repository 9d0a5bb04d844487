import { readFile } from 'node:fs/promises';
import { contentTypeOf, rendererCsp, resolveStatic } from '../static/renderer-files.ts';
import type { ElectronApi } from './electron-api.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

/** Must run before the app is ready: the scheme behaves like https (secure, standard origin). */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer at app://sessionguard/ instead of file://, so the page has a real
 * origin, a CSP header, and can reach nothing on disk outside the renderer folder.
 */
export function serveRenderer(protocol: ElectronApi['protocol'], rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rendererDir));
}

export async function rendererResponse(url: string, rendererDir: string): Promise<Response> {
  const parsed = new URL(url);
  const file = parsed.host === APP_HOST ? resolveStatic(rendererDir, parsed.pathname) : null;
  if (file === null) return new Response('Not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: { 'content-type': contentTypeOf(file), 'content-security-policy': rendererCsp(), 'x-content-type-options': 'nosniff' },
  });
}
