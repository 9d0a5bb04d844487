import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PROTOCOL, bridgeReader, REPLY_PART_BYTES, type BridgeEvent, type BridgeReply } from '../../src-main/contract/bridge-protocol.ts';
import { EventBus } from '../../src-main/events/event-bus.ts';
import { EncodedJson } from '../../src-main/ipc/encoded-json.ts';
import { WsBridge } from '../../src-main/web/ws-bridge.ts';
import { onBridgeMessage } from '../support/browser-mode-client.ts';

const encoder = new TextEncoder();

describe('a reply sent in parts', () => {
  test('is put back together whole, across a character cut between two parts, with an event between them', () => {
    const value = { content: `${'a'.repeat(REPLY_PART_BYTES - 1)}€ and after` };
    const bytes = encoder.encode(JSON.stringify(value));
    const seen: Array<BridgeReply | BridgeEvent> = [];
    const read = bridgeReader((message) => seen.push(message));

    read(JSON.stringify({ type: 'reply_parts', id: 7, bytes: bytes.length }));
    // The euro sign's three bytes straddle the cut.
    const cut = REPLY_PART_BYTES + 12;
    read(bytes.subarray(0, cut));
    read(JSON.stringify({ type: 'event', event: { type: 'breach_acknowledged', sessionId: 3 } }));
    expect(seen).toEqual([{ type: 'event', event: { type: 'breach_acknowledged', sessionId: 3 } }]);
    // As a browser hands a binary message over: an ArrayBuffer.
    read(bytes.slice(cut).buffer);

    expect(seen[1]).toEqual({ type: 'reply', id: 7, result: { ok: true, value } });
  });

  test('a part with no head before it is refused, not taken for some other reply', () => {
    const read = bridgeReader(() => undefined);
    expect(() => read(new Uint8Array([1, 2, 3]))).toThrow(/without the head/);
  });
});

describe('the bridge writing a large reply', () => {
  let http: Server;
  let bridge: WsBridge;

  afterEach(async () => {
    bridge.close();
    await new Promise((resolve) => http.close(resolve));
  });

  test('lets an event through before the reply has finished, to a page that reads slowly', async () => {
    // Far more than the loopback's socket buffers hold for a page not reading.
    const value = 'x'.repeat(48 * 1024 * 1024);
    const bytes = encoder.encode(JSON.stringify(value));
    const bus = new EventBus();
    bridge = new WsBridge(async () => ({ ok: true, value: new EncodedJson(bytes) }), bus);
    http = createServer();
    http.on('upgrade', (request, socket, head) => bridge.upgrade(request, socket, head));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const ws = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/bridge`, [BRIDGE_PROTOCOL]);
    await new Promise((resolve) => ws.once('open', resolve));

    const arrived: Array<BridgeReply | BridgeEvent> = [];
    onBridgeMessage(ws, (message) => arrived.push(message));
    let partsRead = 0;
    ws.on('message', (_data, isBinary) => {
      if (isBinary) partsRead += 1;
    });
    ws.pause();
    ws.send(JSON.stringify({ id: 1, channel: 'exportCsv', payload: { kind: 'trades' } }));
    // The server writes until the buffers between it and the page are full.
    await new Promise((resolve) => setTimeout(resolve, 300));
    bus.emit({ type: 'breach_acknowledged', sessionId: 9 });
    ws.resume();

    await expect.poll(() => arrived.length, { timeout: 30_000 }).toBe(2);
    expect(arrived[0]).toEqual({ type: 'event', event: { type: 'breach_acknowledged', sessionId: 9 } });
    expect(arrived[1]).toMatchObject({ type: 'reply', id: 1, result: { ok: true } });
    expect(((arrived[1] as BridgeReply).result as { value: string }).value).toBe(value);
    expect(partsRead).toBe(Math.ceil(bytes.length / REPLY_PART_BYTES));
    ws.close();
  }, 60_000);
});
