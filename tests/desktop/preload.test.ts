import { beforeAll, expect, test, vi } from 'vitest';
import type { Api } from '../../src-main/contract/api.ts';
import { channelNames, EVENT_WIRE_NAME, wireName } from '../../src-main/contract/channels.ts';

// The real `electron` module can't load here; the preload gets this stand-in with the same shape.
const exposed = new Map<string, Api>();
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: Api) => exposed.set(key, value) },
  ipcRenderer: ipc,
}));

beforeAll(async () => {
  await import('../../src-main/preload/preload.ts');
});

test('exposes exactly one object, window.api, with one method per contract channel and onEvent', () => {
  expect([...exposed.keys()]).toEqual(['api']);
  const api = exposed.get('api')!;
  expect(Object.keys(api).sort()).toEqual([...channelNames, 'onEvent'].sort());
  for (const value of Object.values(api)) expect(typeof value).toBe('function');
  expect(Object.isFrozen(api)).toBe(true);
  const ipcParts: unknown[] = [ipc, ...Object.values(ipc)];
  for (const value of Object.values(api)) expect(ipcParts).not.toContain(value);
});

test('a method invokes only its own channel, with the payload as given', async () => {
  const api = exposed.get('api')!;
  await expect(api.recordTrade({ kind: 'pnl', pnl: '-5' })).resolves.toEqual({ ok: true, value: 'answer' });
  expect(ipc.invoke).toHaveBeenLastCalledWith(wireName('recordTrade'), { kind: 'pnl', pnl: '-5' });
  // Called without a payload, as a channel with an empty schema may be: it still sends {}.
  await (api.getBootstrap as () => Promise<unknown>)();
  expect(ipc.invoke).toHaveBeenLastCalledWith(wireName('getBootstrap'), {});
  expect(ipc.send).not.toHaveBeenCalled();
});

test('event listeners get the app event only, never the IPC event object, and can unsubscribe', () => {
  const api = exposed.get('api')!;
  const listener = vi.fn();
  const unsubscribe = api.onEvent(listener);
  const [channel, forward] = ipc.on.mock.calls.at(-1)!;
  expect(channel).toBe(EVENT_WIRE_NAME);
  const ipcEvent = { sender: { send: () => undefined }, ports: [] };
  forward(ipcEvent, { type: 'session_changed' });
  expect(listener).toHaveBeenCalledWith({ type: 'session_changed' });
  expect(listener.mock.calls[0]).toHaveLength(1);
  unsubscribe();
  expect(ipc.removeListener).toHaveBeenCalledWith(EVENT_WIRE_NAME, forward);
});
