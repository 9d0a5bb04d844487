import type * as Electron from 'electron';

/**
 * The parts of Electron the desktop layer uses, passed in rather than imported, so tests can
 * hand in a fake (the real runtime can't run on CI) and `npm run typecheck` still checks every
 * call against Electron's own types.
 */
export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'Tray' | 'Menu' | 'Notification' | 'nativeImage' | 'dialog' | 'powerMonitor' | 'protocol' | 'shell' | 'session' | 'net'
>;
