import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../app/core.ts';
import { resolveDataDir } from '../startup/data-dir.ts';
import { startFailureSentence } from '../startup/start-failure.ts';
import { startRuntime } from '../app/runtime.ts';
import { createCoreDispatcher } from '../app/handler-registry.ts';
import { DEFAULT_WEB_PORT, startWebServer } from './web-server.ts';

/** `npm run web`: the whole app in a browser, served on 127.0.0.1 from the built renderer. */
const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
  strict: true,
});
const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(1);
}

// The data folder first: what is wrong with it matters whatever else is, and it names what to do.
const dataDir = resolveDataDir(process.argv, process.env);
let core;
try {
  core = await openCore({ dataDir, mode: 'browser' });
} catch (error) {
  console.error(startFailureSentence(error, dataDir));
  process.exit(1);
}
const log = (message: string, error?: unknown) => console.error(`[sessionguard] ${message}`, error ?? '');
const rendererDir = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error('Sessionguard’s renderer is not built yet: run `npm run build` first.');
  await core.close();
  process.exit(1);
}
// Damage found after start (a large file is checked in the background) is said here too.
core.bus.subscribe((event) => {
  if (event.type === 'database_damaged') console.error(`[sessionguard] ${event.error.message}`);
});
const runtime = startRuntime(core, log);
const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
const server = await startWebServer({ dispatch, bus: core.bus, rendererDir, port }).catch(async (error: unknown) => {
  console.error(`Sessionguard could not listen on 127.0.0.1:${port}: ${(error as Error).message}. Try --port with another number.`);
  await runtime.stop();
  await core.close();
  process.exit(1);
});

console.log(`Sessionguard is running in browser mode (data: ${dataDir}).`);
console.log(`Open this link once; it signs this browser in and then stops working:\n\n  ${server.url}\n`);
console.log('Press Ctrl+C to stop.');

const shutdown = async () => {
  await server.close();
  await runtime.stop();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
