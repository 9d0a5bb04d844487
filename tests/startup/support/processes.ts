import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src-main');
export const CLI = join(SRC, 'web', 'cli.ts');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs browser mode as a trader would (`npm run web -- --data-dir DIR`) and waits for it to give up. */
export function runBrowserMode(dataDir: string, options: { uid?: number } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A start that should have failed but is serving instead: stop it, the test then fails on its output.
    const guard = setTimeout(() => child.kill('SIGTERM'), 100_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Another process holding the data folder the way browser mode does, until it is killed. */
export function holdDataFolder(dataDir: string): Promise<ChildProcess> {
  const script = `import { openCore } from ${JSON.stringify(join(SRC, 'app', 'core.ts'))};
await openCore({ dataDir: ${JSON.stringify(dataDir)}, mode: 'browser' });
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the holder stopped early (${code})`)));
  });
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Root may write anywhere, so a read-only folder is only read-only to someone else. */
export const NOBODY = process.getuid?.() === 0 ? 65534 : undefined;
