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

/** A real SQLite database in a temporary file, migrated, closed after the test. */
export async function tempStorage(now = Date.parse('2026-03-02T14:00:00Z')): Promise<Storage> {
  const storage = await openStorage({ file: join(tempDir(), 'sessionguard.db'), now });
  cleanups.push(() => storage.close());
  return storage;
}
