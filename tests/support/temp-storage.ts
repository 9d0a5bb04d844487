import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStorage, type Storage } from '../../src-main/storage/connection.ts';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A fresh data folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sessionguard-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const suiteDirs: string[] = [];
process.once('exit', () => {
  for (const dir of suiteDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh data folder for a whole test file (one opened in beforeAll): `tempDir` removes its
 * folder after the first test, under an app that still runs on it. Removed when the file's
 * test process exits.
 */
export function suiteTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sessionguard-test-'));
  suiteDirs.push(dir);
  return dir;
}

/** A real SQLite database in a temporary file, migrated, closed after the test. */
export async function tempStorage(now = Date.parse('2026-03-02T14:00:00Z')): Promise<Storage> {
  const storage = await openStorage({ file: join(tempDir(), 'sessionguard.db'), now });
  cleanups.push(() => storage.close());
  return storage;
}
