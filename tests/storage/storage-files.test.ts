import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Migration } from '../../migrations/index.ts';
import { migrations } from '../../migrations/index.ts';
import { openCore } from '../../src-main/app/core.ts';
import { openStorage } from '../../src-main/storage/connection.ts';
import { migrate } from '../../src-main/storage/migrate.ts';
import { tempDir } from '../support/temp-storage.ts';

const NOW = Date.parse('2026-03-02T14:00:00Z');

describe('migrations', () => {
  test('from empty every migration runs once; a second start changes nothing', async () => {
    const file = join(tempDir(), 'sessionguard.db');
    const first = await openStorage({ file, now: NOW });
    const applied = await sql<{ version: number; appliedAt: number }>`SELECT version, appliedAt FROM schema_migration ORDER BY version`.execute(first.read);
    expect(applied.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    const schema = first.sqlite.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    await first.close();
    const second = await openStorage({ file, now: NOW + 1000 });
    expect((await sql`SELECT version, appliedAt FROM schema_migration ORDER BY version`.execute(second.read)).rows).toEqual(applied.rows);
    expect(second.sqlite.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    await second.close();
  });

  test('a database with a schema newer than this app is refused and left byte for byte as it was', async () => {
    const file = join(tempDir(), 'sessionguard.db');
    const storage = await openStorage({ file, now: NOW });
    storage.sqlite.prepare("INSERT INTO schema_migration (version, name, appliedAt) VALUES (9999, '9999_from_the_future', 0)").run();
    storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await storage.close();
    const before = readFileSync(file);
    await expect(openStorage({ file, now: NOW })).rejects.toMatchObject({ code: 'database_from_future', message: expect.stringMatching(/newer Sessionguard/) });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('an out-of-order migration list is refused before anything runs', async () => {
    const storage = await openStorage({ file: join(tempDir(), 'a.db'), now: NOW });
    const bad: Migration[] = [migrations[0]!, { version: 0, name: 'older', up: async () => undefined }];
    await expect(migrate(storage.read, bad, NOW)).rejects.toThrow(/out of order/);
    await storage.close();
  });

  test('a failing migration leaves no part of itself behind', async () => {
    const file = join(tempDir(), 'a.db');
    const failing: Migration[] = [
      ...migrations,
      {
        version: 999,
        name: 'broken',
        up: async (db) => {
          await sql`CREATE TABLE half (x)`.execute(db);
          throw new Error('boom');
        },
      },
    ];
    await expect(openStorage({ file, now: NOW, migrations: failing })).rejects.toThrow();
    const db = new BetterSqlite3(file);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").all()).toEqual([]);
    db.close();
  });
});

describe('files that are not a usable Sessionguard database', () => {
  const unchanged = async (file: string, code: string) => {
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    await expect(openCore({ dataDir: join(file, '..') })).rejects.toMatchObject({ code });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  };

  test('a text file is refused and untouched', async () => {
    const file = join(tempDir(), 'sessionguard.db');
    writeFileSync(file, 'these are my trading notes\n');
    await unchanged(file, 'not_sessionguard_database');
  });

  test("another program's SQLite database is refused and untouched", async () => {
    const file = join(tempDir(), 'sessionguard.db');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    await unchanged(file, 'not_sessionguard_database');
  });

  test('a damaged database is refused and untouched', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir });
    await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
    core.storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await core.close();
    const file = join(dir, 'sessionguard.db');
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, 4096 * 3);
    writeFileSync(file, bytes);
    await unchanged(file, 'database_corrupt');
  });

  test('a database locked by another program gives a clear error at start and stays untouched', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir });
    await core.close();
    const file = join(dir, 'sessionguard.db');
    copyFileSync(file, join(dir, 'copy.db'));
    const holder = new BetterSqlite3(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    await expect(openStorage({ file, now: NOW, busyTimeoutMs: 50 })).rejects.toMatchObject({
      code: 'database_locked',
      message: expect.stringMatching(/locked by another program/),
    });
    holder.exec('ROLLBACK');
    holder.close();
  });
});
