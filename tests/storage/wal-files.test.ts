import { copyFileSync, openSync, closeSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { DATABASE_FILE, openCore } from '../../src-main/app/core.ts';
import { copyAsIfKilled, coreWithSession, fileSize, folderBytes, recordTrades, tradeCount } from '../support/database-files.ts';
import { tempDir } from '../support/temp-storage.ts';

const WAL = `${DATABASE_FILE}-wal`;

/** A data folder as a killed app leaves it: 500 acknowledged trades, all still in the WAL. */
async function killedWith500Trades(): Promise<string> {
  const running = tempDir();
  const core = await coreWithSession(running);
  await recordTrades(core, 500);
  const left = tempDir();
  copyAsIfKilled(running, left);
  await core.close();
  return left;
}

function overwrite(file: string, position: number, length: number, byte = 0x5a): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, byte), 0, length, position);
  } finally {
    closeSync(fd);
  }
}

async function refusedUntouched(dir: string, code: string, message: RegExp): Promise<void> {
  const before = folderBytes(dir);
  await expect(openCore({ dataDir: dir })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  expect(folderBytes(dir)).toEqual(before);
}

describe('a -wal that does not fit its database is refused before SQLite sees it, and both files stay as they were', () => {
  test('a WAL left by a killed app opens, with every acknowledged trade', async () => {
    const dir = await killedWith500Trades();
    const core = await openCore({ dataDir: dir });
    expect(tradeCount(core)).toBe(500);
    await core.close();
  });

  test('an empty sessionguard.db beside a WAL holding 500 acknowledged trades is not taken for a fresh install', async () => {
    const dir = await killedWith500Trades();
    writeFileSync(join(dir, DATABASE_FILE), '');
    await refusedUntouched(dir, 'wal_without_database', /sessionguard\.db is empty, but sessionguard\.db-wal beside it holds \d+ KiB of saved data/);
  });

  test('a WAL with garbage in its middle is refused instead of silently dropping the commits after it', async () => {
    const dir = await killedWith500Trades();
    const wal = join(dir, WAL);
    overwrite(wal, Math.floor(fileSize(wal) / 2), 8192);
    await refusedUntouched(dir, 'wal_damaged', /damaged at frame \d+, and \d+ saved changes after it would be dropped/);
  });

  test('a WAL whose header is damaged is refused instead of being ignored', async () => {
    const dir = await killedWith500Trades();
    overwrite(join(dir, WAL), 8, 16);
    await refusedUntouched(dir, 'wal_damaged', /damaged at its start/);
  });

  test('a WAL from another Sessionguard database is refused instead of being applied', async () => {
    const dir = await killedWith500Trades();
    const other = await killedWith500Trades();
    copyFileSync(join(other, WAL), join(dir, WAL));
    await refusedUntouched(dir, 'wal_foreign', /does not belong to sessionguard\.db \(it was written for another copy of the database\)/);
  });

  test('a WAL beside an older copy of the same database is refused', async () => {
    const running = tempDir();
    const core = await coreWithSession(running);
    await recordTrades(core, 100, 'a');
    await core.storage.checkpoint();
    const older = tempDir();
    copyFileSync(join(running, DATABASE_FILE), join(older, DATABASE_FILE));
    // Two more rounds of trades, each copied into the file by a checkpoint, as the running app does every 5 s.
    await recordTrades(core, 100, 'b');
    await core.storage.checkpoint();
    await recordTrades(core, 100, 'c');
    await core.storage.checkpoint();
    await recordTrades(core, 100, 'd');
    copyFileSync(join(running, WAL), join(older, WAL));
    await core.close();
    await refusedUntouched(older, 'wal_foreign', /another copy of the database/);
  });

  test('a WAL with a page size other than the database’s is refused', async () => {
    const dir = await killedWith500Trades();
    const wal = join(dir, WAL);
    // Page size 8192 in the header, with its checksum made to match, so only the size differs.
    const fd = openSync(wal, 'r+');
    const header = Buffer.alloc(32);
    const { readSync } = await import('node:fs');
    readSync(fd, header, 0, 32, 0);
    header.writeUInt32BE(8192, 8);
    let s0 = 0;
    let s1 = 0;
    const bigEndian = header.readUInt32BE(0) === 0x377f0683;
    for (let i = 0; i < 24; i += 8) {
      s0 = (s0 + (bigEndian ? header.readUInt32BE(i) : header.readUInt32LE(i)) + s1) >>> 0;
      s1 = (s1 + (bigEndian ? header.readUInt32BE(i + 4) : header.readUInt32LE(i + 4)) + s0) >>> 0;
    }
    header.writeUInt32BE(s0, 24);
    header.writeUInt32BE(s1, 28);
    writeSync(fd, header, 0, 32, 0);
    closeSync(fd);
    await refusedUntouched(dir, 'wal_foreign', /its pages are 8192 bytes, the database's 4096/);
  });
});

describe('checkpoints keep the disk sync out of the trader’s own writes', () => {
  // Bytes 16-23 of a WAL header are its salts, new each time SQLite starts the WAL over; the
  // write that starts it over syncs the disk first, even with synchronous=NORMAL.
  const salts = (dir: string) => readFileSync(join(dir, WAL)).subarray(16, 24).toString('hex');

  /** A running app that recorded 5 trades and checkpointed them, with its WAL's salts after that. */
  async function checkpointedCore(dir: string) {
    const core = await coreWithSession(dir);
    await recordTrades(core, 5, 'a');
    await core.storage.checkpoint();
    return { core, begun: salts(dir) };
  }

  test('a trade after a second checkpoint with nothing new in between goes on in the WAL the stamp began', async () => {
    const dir = tempDir();
    const { core, begun } = await checkpointedCore(dir);
    // The app checkpoints every few seconds and right after a stop, often twice with nothing between.
    await core.storage.checkpoint();
    await recordTrades(core, 1, 'b');
    expect(salts(dir)).toBe(begun);
    await core.close();
    const reopened = await openCore({ dataDir: dir });
    expect(tradeCount(reopened)).toBe(6);
    await reopened.close();
  });

  test('a day of checkpoints leaves the prepared statements of the rarer writes (a create) in place', async () => {
    const dir = tempDir();
    const core = await coreWithSession(dir);
    const active = await core.sessions.getActiveData();
    await core.sessions.stop(active!.session.id);
    // Each checkpoint after a write writes a new stamp: 600 of them, as 50 minutes of trading bring.
    for (let round = 0; round < 600; round += 1) {
      await recordTrades(core, 1, `r${round}-`);
      await core.storage.checkpoint();
    }
    const prepare = vi.spyOn(core.storage.sqlite, 'prepare');
    await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([]);
    prepare.mockRestore();
    await core.close();
  });

  test('a checkpoint after new writes still starts a new WAL generation, with the stamp as its first write', async () => {
    const dir = tempDir();
    const { core, begun } = await checkpointedCore(dir);
    await recordTrades(core, 5, 'b');
    await core.storage.checkpoint();
    expect(salts(dir)).not.toBe(begun);
    await core.close();
  });
});
