import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BRIDGE_PROTOCOL, type BridgeMessage } from '../contract/bridge-protocol.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';

/** Big enough for a broker file sent for import; anything larger is refused by ws itself. */
export const BRIDGE_MAX_PAYLOAD = 32 * 1024 * 1024;

/**
 * Carries the IPC contract over a WebSocket: each frame `{ id, channel, payload }` goes to the
 * same dispatcher Electron's ipcMain uses and its Result comes back with the id; every event
 * of the bus is pushed to every open socket. A malformed frame gets a typed error, never a crash.
 */
export class WsBridge {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_PAYLOAD, handleProtocols: () => BRIDGE_PROTOCOL });
  private readonly unsubscribe: () => void;
  private readonly dispatch: Dispatch;

  constructor(dispatch: Dispatch, bus: EventBus) {
    this.dispatch = dispatch;
    this.unsubscribe = bus.subscribe((event) => {
      const frame = JSON.stringify({ type: 'event', event } satisfies BridgeMessage);
      for (const client of this.server.clients) if (client.readyState === client.OPEN) client.send(frame);
    });
    this.server.on('connection', (socket) => this.serve(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private serve(socket: WebSocket): void {
    socket.on('error', () => socket.terminate());
    socket.on('message', (data: RawData, isBinary: boolean) => {
      void this.answer(socket, data, isBinary);
    });
  }

  private async answer(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      frame = undefined;
    }
    const request = frame as { id?: unknown; channel?: unknown; payload?: unknown } | undefined;
    const id = typeof request?.id === 'number' && Number.isSafeInteger(request.id) ? request.id : -1;
    const result =
      id === -1 || typeof request?.channel !== 'string'
        ? { ok: false as const, error: { code: 'bad_request' as const, message: 'A bridge frame must be JSON: { id, channel, payload }.' } }
        : await this.dispatch(request.channel, request.payload);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'reply', id, result } satisfies BridgeMessage));
  }
}
