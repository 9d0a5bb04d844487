import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, session, shell, Tray } from 'electron';
import { registerAppScheme } from './app-protocol.ts';
import { startDesktop } from './desktop-app.ts';

/** The Electron entry: the only file that imports the real `electron` module. */
const electron = { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, session, shell, Tray };
registerAppScheme(protocol);
startDesktop(electron, {
  preload: join(import.meta.dirname, '..', 'preload', 'preload.cjs'),
  renderer: join(import.meta.dirname, '..', 'renderer'),
});
