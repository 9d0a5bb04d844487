import { contextBridge, ipcRenderer } from 'electron';
import type { Api, Transport } from '../contract/api.ts';
import { buildApi } from '../contract/build-api.ts';
import { EVENT_WIRE_NAME, wireName } from '../contract/channel-names.ts';
import type { AppEvent } from '../contract/events.ts';

/**
 * Exposes exactly one object, `window.api`, built from the contract: one method per channel
 * and an event subscription. Neither ipcRenderer nor its event object ever reaches the page.
 */
const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(wireName(channel), request),
  subscribe: (listener) => {
    const forward = (_event: unknown, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(EVENT_WIRE_NAME, forward);
    return () => void ipcRenderer.removeListener(EVENT_WIRE_NAME, forward);
  },
};

const api = buildApi(transport) satisfies Api;
contextBridge.exposeInMainWorld('api', api);
