import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BRIDGE_PROTOCOL, REPLY_PART_BYTES, type BridgeMessage } from '../contract/bridge-protocol.ts';
import type { AppErrorData, Result } from '../contract/errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { EncodedJson } from '../ipc/encoded-json.ts';

const MiB = 1024 * 1024;

/**
 * What one socket may hold of the server. A page that sends hundreds of heavy requests at once
 * (exports of a long history) gets a few run, a few wait, and the rest are refused as `busy`, so
 * neither memory nor the read worker's queue grows with what a page sends.
 */
export const BRIDGE_LIMITS = {
  /** Big enough for a broker file sent for import; anything larger is refused by ws itself. */
  maxPayload: 32 * MiB,
  /** Requests of one socket being answered at once; a slot is held until the reply is written out. */
  running: 4,
  /** Requests of one socket waiting for a slot, by count and by size. */
  queued: 16,
  queuedBytes: 48 * MiB,
  /** Replies and events not yet taken by the page; past this the socket is not read until they are. */
  sendBuffer: 16 * MiB,
} as const;

interface Request {
  id: number;
  channel: string;
  payload: unknown;
  size: number;
}

/** A reply of the read worker's bytes, waiting for its turn on the socket; `release` frees its slot once it has left. */
interface Outgoing {
  id: number;
  bytes: Uint8Array;
  release: () => void;
}

/** One open socket: its running count, its waiting requests and replies, and the signal that drops them when it closes. */
class Connection {
  readonly socket: WebSocket;
  readonly closed = new AbortController();
  running = 0;
  readonly waiting: Request[] = [];
  waitingBytes = 0;
  /** The worker's replies not yet handed to the socket, and whether one is being written now. */
  readonly outbox: Outgoing[] = [];
  outboxBytes = 0;
  writing = false;
  /** What the reply being written in parts still has to hand the socket. */
  unsentBytes = 0;

  constructor(socket: WebSocket) {
    this.socket = socket;
  }
}

/**
 * Carries the IPC contract over a WebSocket: each frame `{ id, channel, payload }` goes to the
 * same dispatcher Electron's ipcMain uses and its Result comes back with the id; every event
 * of the bus is pushed to every open socket. A malformed frame gets a typed error, never a crash.
 * Heavy reads run in the read worker (see reads/), so a flood of them on a socket leaves the
 * main thread free to record trades and announce a breach; this class bounds what a flood holds.
 */
export class WsBridge {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_LIMITS.maxPayload, handleProtocols: () => BRIDGE_PROTOCOL });
  private readonly unsubscribe: () => void;
  private readonly dispatch: Dispatch;

  constructor(dispatch: Dispatch, bus: EventBus) {
    this.dispatch = dispatch;
    this.unsubscribe = bus.subscribe((event) => {
      const frame = JSON.stringify({ type: 'event', event } satisfies BridgeMessage);
      for (const client of this.server.clients) if (client.readyState === client.OPEN) client.send(frame);
    });
    this.server.on('connection', (socket) => this.serve(new Connection(socket)));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private serve(connection: Connection): void {
    const { socket } = connection;
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      connection.closed.abort();
      connection.waiting.length = 0;
      connection.waitingBytes = 0;
      for (const reply of connection.outbox.splice(0)) reply.release();
      connection.outboxBytes = 0;
    });
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(connection, data, isBinary));
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    const request = parseFrame(data, isBinary);
    if (request === null) {
      this.reply(connection, -1, failure({ code: 'bad_request', message: 'A bridge frame must be JSON: { id, channel, payload }.' }), false);
      return;
    }
    if (connection.running < BRIDGE_LIMITS.running) {
      this.start(connection, request);
      return;
    }
    if (!queueIsFull(connection, request.size)) {
      connection.waiting.push(request);
      connection.waitingBytes += request.size;
      this.regulate(connection);
      return;
    }
    this.reply(
      connection,
      request.id,
      failure({ code: 'busy', message: 'This window has too many requests waiting; Sessionguard answers the earlier ones first. Try again in a moment.' }),
      false,
    );
  }

  /**
   * Reads a socket only while its queue has room and its replies are being taken: a page that
   * answers every `busy` with a new request would otherwise keep the main thread refusing.
   * The frames it sends meanwhile wait in the connection, on its side of the limit.
   */
  private regulate(connection: Connection): void {
    const { socket } = connection;
    const hold = queueIsFull(connection, 0) || socket.bufferedAmount + connection.outboxBytes + connection.unsentBytes > BRIDGE_LIMITS.sendBuffer;
    if (hold && !socket.isPaused) socket.pause();
    else if (!hold && socket.isPaused) socket.resume();
  }

  private start(connection: Connection, request: Request): void {
    connection.running += 1;
    void this.dispatch(request.channel, request.payload, { signal: connection.closed.signal }).then((result) =>
      this.reply(connection, request.id, result, true),
    );
  }

  /** Writes a reply; one that held a slot frees it once the reply has left, then the next waiting request starts. */
  private reply(connection: Connection, id: number, result: Result<unknown>, heldSlot: boolean): void {
    const { socket } = connection;
    const release = () => {
      if (heldSlot) {
        connection.running -= 1;
        const next = connection.waiting.shift();
        if (next) {
          connection.waitingBytes -= next.size;
          this.start(connection, next);
        }
      }
      this.regulate(connection);
    };
    if (socket.readyState !== socket.OPEN) {
      release();
      return;
    }
    if (result.ok && result.value instanceof EncodedJson) {
      connection.outbox.push({ id, bytes: result.value.bytes, release });
      connection.outboxBytes += result.value.bytes.length;
      this.writeNext(connection);
    } else {
      socket.send(JSON.stringify({ type: 'reply', id, result } satisfies BridgeMessage), release);
    }
    this.regulate(connection);
  }

  /**
   * Hands the socket the next of the worker's replies (exports, history pages: up to megabytes
   * each) once the one before has left. Events and small replies are sent at once, so a breach
   * never waits behind every reply a page left unread. A reply of more than one part's size goes
   * out a part at a time, each once the one before has left, so an event waits behind one part
   * at most rather than the whole of a large export (a message can't be cut into by another).
   */
  private writeNext(connection: Connection): void {
    const { socket } = connection;
    if (connection.writing) return;
    const next = connection.outbox.shift();
    if (!next) return;
    connection.outboxBytes -= next.bytes.length;
    if (socket.readyState !== socket.OPEN) {
      next.release();
      this.writeNext(connection);
      return;
    }
    connection.writing = true;
    const written = () => {
      connection.writing = false;
      connection.unsentBytes = 0;
      next.release();
      this.writeNext(connection);
    };
    if (next.bytes.length <= REPLY_PART_BYTES) {
      // The read worker's bytes go out as they are, between the frame's head and tail: one text
      // message in three fragments, nothing re-serialised or copied on this thread.
      socket.send(`{"type":"reply","id":${next.id},"result":{"ok":true,"value":`, { binary: false, fin: false });
      socket.send(next.bytes, { binary: false, fin: false });
      socket.send('}}', { binary: false, fin: true }, written);
      return;
    }
    socket.send(JSON.stringify({ type: 'reply_parts', id: next.id, bytes: next.bytes.length } satisfies BridgeMessage));
    let offset = 0;
    const sendPart = (error?: Error) => {
      connection.unsentBytes = next.bytes.length - offset;
      if (error || offset === next.bytes.length || socket.readyState !== socket.OPEN) {
        written();
        return;
      }
      const part = next.bytes.subarray(offset, offset + REPLY_PART_BYTES);
      offset += part.length;
      socket.send(part, { binary: true }, sendPart);
      this.regulate(connection);
    };
    sendPart();
  }
}

function queueIsFull(connection: Connection, adding: number): boolean {
  return connection.waiting.length >= BRIDGE_LIMITS.queued || connection.waitingBytes + adding > BRIDGE_LIMITS.queuedBytes;
}

function parseFrame(data: RawData, isBinary: boolean): Request | null {
  if (isBinary) return null;
  const text = data.toString();
  let frame: { id?: unknown; channel?: unknown; payload?: unknown } | null;
  try {
    frame = JSON.parse(text) as typeof frame;
  } catch {
    return null;
  }
  if (frame === null || typeof frame !== 'object') return null;
  if (typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id) || frame.id === -1 || typeof frame.channel !== 'string') return null;
  return { id: frame.id, channel: frame.channel, payload: frame.payload, size: text.length };
}

function failure(error: AppErrorData): Result<never> {
  return { ok: false, error };
}
