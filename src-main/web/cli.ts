import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../app/core.ts';
import { resolveDataDir } from '../startup/data-dir.ts';
import { startFailureSentence } from '../startup/start-failure.ts';
import { startRuntime } from '../app/runtime.ts';
import { createCoreDispatcher } from '../app/handler-registry.ts';
import { newControlSecret, removeLinkControl, requestLink, writeLinkControl } from './link-control.ts';
import { DEFAULT_WEB_PORT, startWebServer } from './web-server.ts';

/**
 * `npm run web`: the whole app in a browser, served on 127.0.0.1 from the built renderer.
 * `npm run web -- --link`: a fresh sign-in link from the browser mode already running.
 * The script starts Node with a 2 MiB young generation (`--max-semi-space-size=2`): run from
 * the TypeScript sources, loading the modules makes V8 grow it to 16 MiB semi-spaces it then
 * keeps committed for good (about 40 MB of the server's memory), for no gain to a server whose
 * requests each allocate a few KB.
 */
const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, link: { type: 'boolean' } },
  strict: true,
});
if (values.link) {
  const dataDir = resolveDataDir(process.argv, process.env);
  try {
    console.log(`Open this link once; it signs a browser in:\n\n  ${await requestLink(dataDir)}\n`);
    process.exit(0);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(1);
}

// The data folder first: what is wrong with it matters whatever else is, and it names what to do.
const dataDir = resolveDataDir(process.argv, process.env);
let core: Core;
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
const controlSecret = newControlSecret();
const server = await startWebServer({ dispatch, bus: core.bus, rendererDir, port, controlSecret }).catch(async (error: unknown) => {
  console.error(`Sessionguard could not listen on 127.0.0.1:${port}: ${(error as Error).message}. Try --port with another number.`);
  await runtime.stop();
  await core.close();
  process.exit(1);
});

writeLinkControl(dataDir, { port: server.port, secret: controlSecret, pid: process.pid });

console.log(`Sessionguard is running in browser mode (data: ${dataDir}).`);
console.log(`Open this link once; it signs this browser in and then stops working:\n\n  ${server.url}\n`);
if (process.stdin.isTTY) {
  console.log('Press Enter for a new sign-in link (or run `npm run web -- --link` in another terminal); Ctrl+C to stop.');
  createInterface({ input: process.stdin }).on('line', () => console.log(`\n  ${server.newLink()}\n`));
} else console.log('Run `npm run web -- --link` for a new sign-in link; Ctrl+C to stop.');

const shutdown = async () => {
  removeLinkControl(dataDir);
  await server.close();
  await runtime.stop();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
