import WebSocket from 'ws';

/**
 * The live bench's idle echo from Node instead of the page, in a process of its own as the page
 * is (in the server's process, a reply would be read without any process waking for it).
 * argv: port idleMs rounds warmUp. Sends the parent its samples (ms), the warm-up left out.
 */
const [port, idleMs, rounds, warmUp] = process.argv.slice(2).map(Number) as [number, number, number, number];
const ws = new WebSocket(`ws://127.0.0.1:${port}`);
ws.on('open', async () => {
  const samples: number[] = [];
  for (let i = 0; i < rounds + warmUp; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const sentAt = performance.now();
    await new Promise((resolve) => {
      ws.once('message', resolve);
      ws.send('{"type":"echo","id":1}');
    });
    if (i >= warmUp) samples.push(performance.now() - sentAt);
  }
  ws.close();
  process.send!(samples);
});
ws.on('error', (error) => {
  throw error;
});
