import type { BrowserWindow } from 'electron';
import { openCore, type Core } from '../app/core.ts';
import { resolveDataDir } from '../startup/data-dir.ts';
import { startFailureSentence } from '../startup/start-failure.ts';
import { startRuntime } from '../app/runtime.ts';
import { createCoreDispatcher } from '../app/handler-registry.ts';
import { serveRenderer } from './app-protocol.ts';
import type { ElectronApi } from './electron-api.ts';
import { bindIpc } from './ipc-binding.ts';
import { bindNotifications } from './notifications.ts';
import { bindPower } from './power.ts';
import { hardenSession } from './security.ts';
import { TrayController } from './tray.ts';
import { createMainWindow } from './window.ts';

export interface DesktopPaths {
  preload: string;
  renderer: string;
}

const log = (message: string, error?: unknown) => console.error(`[sessionguard] ${message}`, error ?? '');

/**
 * The desktop app: one instance, the core opened on the user-data folder (a start failure is
 * shown as one sentence saying what to do, and the files are left alone), then window, tray,
 * notifications and power events on top.
 * Returns null when another instance already runs (that one is focused instead), else a
 * promise that settles once the app is up.
 */
export function startDesktop(electron: ElectronApi, paths: DesktopPaths, argv: readonly string[] = process.argv): { ready: Promise<void> } | null {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  let sessionOpen = false;
  let quitting = false;

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (!sessionOpen) app.quit();
  });
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));

  const ready = app.whenReady().then(async () => {
    const dataDir =
      argv.some((a) => a.startsWith('--data-dir')) || process.env.SESSIONGUARD_DATA_DIR ? resolveDataDir(argv, process.env) : app.getPath('userData');
    try {
      core = await openCore({ dataDir, mode: 'desktop' });
    } catch (error) {
      electron.dialog.showErrorBox('Sessionguard can’t start', startFailureSentence(error, dataDir));
      app.quit();
      return;
    }
    const openCoreRef = core;
    const runtime = startRuntime(openCoreRef, log);
    const refreshOpen = async () => {
      sessionOpen = (await openCoreRef.sessions.getActiveData()) !== null;
    };
    openCoreRef.bus.subscribe(() => void refreshOpen());
    await refreshOpen();

    hardenSession(electron.session.defaultSession);
    serveRenderer(electron.protocol, paths.renderer);
    window = createMainWindow(electron, paths.preload, { keepRunning: () => sessionOpen, isQuitting: () => quitting });
    bindIpc(electron.ipcMain, createCoreDispatcher(openCoreRef, { mode: 'desktop', tray: true, nativeNotifications: true }), openCoreRef.bus, () => window);
    const tray = new TrayController(electron, openCoreRef, { showWindow, quit: () => app.quit() });
    bindNotifications(electron.Notification, openCoreRef.bus);
    bindPower(electron.powerMonitor, runtime.scheduler, log);

    // Quitting waits for the timer to stop and the database to close cleanly (a final
    // checkpoint), then quits for real; a backup still being copied is ended and removed.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      tray.destroy();
      void runtime
        .stop()
        .then(() => openCoreRef.close())
        .catch((error: unknown) => log('closing the database failed', error))
        .finally(() => {
          closed = true;
          app.quit();
        });
    });
  });
  return { ready };
}
