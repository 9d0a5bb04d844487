import WebSocket from 'ws';
import { bridgeProtocols } from '../src-main/contract/bridge-protocol.ts';

/**
 * A page gone wrong, in a process of its own (so its parsing and memory are not the server's):
 * it keeps `inFlight` exportCsv requests outstanding on one bridge socket, sending another each
 * time one is answered or refused, and tells the parent when breach events reach it.
 * argv: port cookie bridgeKey inFlight. Messages out: ready, breach (epoch ms), answered, stats.
 */
const [port, cookie, bridgeKey, inFlightText] = process.argv.slice(2) as [string, string, string, string];
const inFlight = Number(inFlightText);
const epochNow = () => performance.timeOrigin + performance.now();
const stats = { answered: 0, busy: 0, other: 0 };
let nextId = 1;
let stopping = false;

const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, bridgeProtocols(bridgeKey), { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
const ask = () => {
  if (!stopping) ws.send(JSON.stringify({ id: nextId++, channel: 'exportCsv', payload: { kind: 'trades' } }));
};
ws.on('open', () => {
  for (let i = 0; i < inFlight; i += 1) ask();
  process.send!({ type: 'ready' });
});
// Only heads are read: the replies are whole CSV exports, most of them sent in parts.
let partsLeft = 0;
const answered = () => {
  stats.answered += 1;
  process.send!({ type: 'answered' });
  ask();
};
ws.on('message', (data: Buffer, isBinary: boolean) => {
  if (isBinary) {
    partsLeft -= data.length;
    if (partsLeft <= 0) answered();
    return;
  }
  const head = data.subarray(0, 200).toString();
  if (head.startsWith('{"type":"event"')) {
    if (head.includes('"type":"breach"')) process.send!({ type: 'breach', at: epochNow() });
    return;
  }
  if (head.startsWith('{"type":"reply_parts"')) {
    partsLeft = (JSON.parse(data.toString()) as { bytes: number }).bytes;
    return;
  }
  if (head.includes('"ok":true')) return answered();
  if (head.includes('"code":"busy"')) stats.busy += 1;
  else stats.other += 1;
  ask();
});
ws.on('error', (error) => {
  console.error('flood client:', error.message);
  process.exit(1);
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send!({ type: 'stats', ...stats, outstanding: nextId - 1 - stats.answered - stats.busy - stats.other });
  if (message.type === 'stop') {
    stopping = true;
    ws.close();
    process.disconnect();
  }
});
