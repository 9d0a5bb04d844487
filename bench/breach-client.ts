import WebSocket from 'ws';
import { bridgeProtocols, bridgeReader, type BridgeEvent, type BridgeReply } from '../src-main/contract/bridge-protocol.ts';

/**
 * The live bench's bridge breach rounds from Node's ws instead of the page, in a process of its
 * own as the page is: the same requests (open a session, wait, record the losing trade) timed
 * until the breach event arrives, with no Chromium on either end of the socket. Beside the Node
 * idle echo, it shows what the server's own work adds to a breach.
 * argv: port cookie bridgeKey rounds warmUp settleMs. Sends the parent its samples (ms), the
 * warm-up left out.
 */
const [port, cookie, bridgeKey, rounds, warmUp, settleMs] = process.argv.slice(2) as [string, string, string, string, string, string];
const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, bridgeProtocols(bridgeKey), { headers: { cookie, origin: `http://127.0.0.1:${port}` } });

const replies = new Map<number, (reply: BridgeReply) => void>();
let breachArrived: ((at: number) => void) | null = null;
const read = bridgeReader((message: BridgeReply | BridgeEvent) => {
  if (message.type === 'reply') {
    replies.get(message.id)?.(message);
    replies.delete(message.id);
  } else if (message.event.type === 'breach') {
    breachArrived?.(performance.now());
    breachArrived = null;
  }
});
ws.on('message', (data: Buffer, isBinary: boolean) => read(isBinary ? data : data.toString()));

let nextId = 1;
function call(channel: string, payload: unknown): Promise<BridgeReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    replies.set(id, resolve);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

async function expectOk(reply: Promise<BridgeReply>): Promise<unknown> {
  const { result } = await reply;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

ws.on('open', async () => {
  const samples: number[] = [];
  for (let i = 0; i < Number(rounds) + Number(warmUp); i += 1) {
    const session = (await expectOk(
      call('createSession', { durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: true, start: true }),
    )) as { id: number };
    await new Promise((resolve) => setTimeout(resolve, Number(settleMs)));
    const arrived = new Promise<number>((resolve) => {
      breachArrived = resolve;
    });
    const start = performance.now();
    await expectOk(call('recordTrade', { kind: 'pnl', pnl: '-150.00' }));
    const at = await arrived;
    if (i >= Number(warmUp)) samples.push(at - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expectOk(call('acknowledgeBreach', { sessionId: session.id }));
  }
  ws.close();
  process.send!(samples);
});
ws.on('error', (error) => {
  throw error;
});
