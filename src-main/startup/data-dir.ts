import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATABASE_FILE = 'sessionguard.db';

export function backupsFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

/**
 * Where the database lives for a Node run (browser mode, scripts): `--data-dir DIR`, else
 * SESSIONGUARD_DATA_DIR, else the same per-user folder the desktop app uses on this system.
 * The desktop app passes Electron's userData instead.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const flag = argv.findIndex((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
  if (flag >= 0) {
    const arg = argv[flag]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (value) return value;
  }
  if (env.SESSIONGUARD_DATA_DIR) return env.SESSIONGUARD_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Sessionguard');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Sessionguard');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Sessionguard');
}
