import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { ElectronApi } from './electron-api.ts';
import { APP_ORIGIN, hardenContents } from './security.ts';

/** The window's settings: an isolated, sandboxed page with no Node, loading only our own origin. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1240,
    height: 860,
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'Sessionguard',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export interface WindowBehaviour {
  /** Whether closing should only hide (a session is open, the timer must keep running in the tray). */
  keepRunning(): boolean;
  isQuitting(): boolean;
}

export function createMainWindow(electron: ElectronApi, preloadPath: string, behaviour: WindowBehaviour): BrowserWindow {
  const window = new electron.BrowserWindow(windowOptions(preloadPath));
  hardenContents(window.webContents, electron.shell);
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!behaviour.isQuitting() && behaviour.keepRunning()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
