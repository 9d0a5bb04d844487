import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { ElectronApi } from './electron-api.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sessionguard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only places a link may open outside the app: https, on these hosts. */
export const EXTERNAL_HOSTS = new Set(['sessionguard.app', 'www.sessionguard.app']);

/** True for a URL of the app's own pages (the custom protocol, never file://). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** IPC is answered only for our window's top frame showing our own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, window: { webContents: WebContents } | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window.webContents) return false;
  return frame === window.webContents.mainFrame && isAppUrl(frame.url);
}

/** Navigation, new windows, webviews and permission prompts: all refused (Electron security checklist). */
export function hardenContents(contents: WebContents, shell: ElectronApi['shell']): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
