import type { BrowserWindow } from 'electron';
import { channelNames, EVENT_WIRE_NAME, wireName } from '../contract/channels.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { decoded } from '../ipc/encoded-json.ts';
import type { ElectronApi } from './electron-api.ts';
import { isTrustedSender } from './security.ts';

/**
 * Binds every channel of the contract to the dispatcher, answering only our own window's top
 * frame, and forwards the event stream to that window. Returns the unbinding.
 */
export function bindIpc(ipcMain: ElectronApi['ipcMain'], dispatch: Dispatch, bus: EventBus, window: () => BrowserWindow | null): () => void {
  for (const name of channelNames) {
    ipcMain.handle(wireName(name), async (event, payload: unknown) => {
      if (!isTrustedSender(event, window())) {
        return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from the Sessionguard window.' } };
      }
      const result = await dispatch(name, payload);
      // Electron's IPC clones values, so a value the read worker encoded is decoded for it.
      return result.ok ? { ok: true, value: decoded(result.value) } : result;
    });
  }
  const unsubscribe = bus.subscribe((event) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(EVENT_WIRE_NAME, event);
  });
  return () => {
    unsubscribe();
    for (const name of channelNames) ipcMain.removeHandler(wireName(name));
  };
}
