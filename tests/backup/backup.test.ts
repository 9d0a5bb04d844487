import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BackupService } from '../../src-main/backup/backup-service.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { HOUR_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup(): Promise<{ core: Core; clock: ManualClock; backups: BackupService; dir: string }> {
  const dir = tempDir();
  const clock = new ManualClock();
  const core = await openCore({ dataDir: dir, clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '5000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  const backups = new BackupService({ storage: core.storage, clock, folder: join(dir, 'backups') });
  return { core, clock, backups, dir };
}

const NAMED_BACKUP = /^sessionguard-\d{8}T\d{9}Z-(manual|daily|before-restore)\.db$/;

const tradeCount = async (core: Core) =>
  (
    await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

test('a backup taken while trades keep arriving is whole and passes the integrity check', async () => {
  const { core, clock, backups } = await setup();
  const writing = (async () => {
    for (let i = 0; i < 300; i += 1)
      await core.trades.record([{ source: 'feed', externalId: `t${i}`, fees: new Decimal(0), realizedPnl: new Decimal('1.25'), closedAt: clock.now() }]);
  })();
  const backup = await backups.create('manual');
  await writing;
  expect(backup.reason).toBe('manual');
  expect(backup.bytes).toBeGreaterThan(0);
  expect(backups.list().map((b) => b.name)).toEqual([backup.name]);
  await core.close();
});

test('keeps the newest seven backups and makes the daily one only when a day passed', async () => {
  const { core, clock, backups } = await setup();
  for (let i = 0; i < 9; i += 1) {
    await backups.create('daily');
    clock.advance(HOUR_MS);
  }
  expect(backups.list()).toHaveLength(7);
  expect(await backups.createDailyIfDue()).toBeNull();
  clock.advance(24 * HOUR_MS);
  expect((await backups.createDailyIfDue())?.reason).toBe('daily');
  await core.close();
});

test('restore brings back the backed-up data and first saves what it replaces', async () => {
  const { core, clock, backups } = await setup();
  await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-10'), closedAt: clock.now() }]);
  const backup = await backups.create('manual');
  clock.advance(1000);
  await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-20'), closedAt: clock.now() }]);
  expect(await tradeCount(core)).toBe(2);

  const result = await backups.restore(backup.path);
  expect(await tradeCount(core)).toBe(1);
  expect(result.safetyBackup?.reason).toBe('before-restore');
  expect((await core.sessions.getActiveData())?.session.realizedPnl).toBe('-10.00');
  await core.close();
});

test('restore refuses a file that is not ours, is corrupt or is from a newer app, and changes nothing', async () => {
  const { core, clock, backups, dir } = await setup();
  await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('5'), closedAt: clock.now() }]);

  const text = join(dir, 'notes.db');
  writeFileSync(text, 'just some text');
  await expect(backups.restore(text)).rejects.toMatchObject({ code: 'not_sessionguard_database' });

  const good = await backups.create('manual');
  const corrupt = join(dir, 'corrupt.db');
  const bytes = readFileSync(good.path);
  bytes.fill(0x5a, 4096, 8192);
  writeFileSync(corrupt, bytes);
  await expect(backups.restore(corrupt)).rejects.toMatchObject({ code: 'database_corrupt' });

  const future = join(dir, 'future.db');
  copyFileSync(good.path, future);
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(future);
  db.prepare("INSERT INTO schema_migration (version, name, appliedAt) VALUES (999, 'from the future', 0)").run();
  db.close();
  await expect(backups.restore(future)).rejects.toMatchObject({ code: 'database_from_future' });

  expect(await tradeCount(core)).toBe(1);
  expect(backups.list().filter((b) => b.reason === 'before-restore')).toEqual([]);
  await core.close();
});

test('a backup is one file: no .partial, -wal or -shm is left beside it, not even after it was checked again or restored from', async () => {
  const { core, backups, dir } = await setup();
  const made = await backups.create('manual');
  expect(readdirSync(join(dir, 'backups'))).toEqual([made.name]);
  expect(backups.newestGood()?.name).toBe(made.name);
  await backups.restore(made.path);
  expect(readdirSync(join(dir, 'backups')).filter((name) => !NAMED_BACKUP.test(name))).toEqual([]);
  expect(readdirSync(dir).filter((name) => /\.tmp|\.partial/.test(name))).toEqual([]);
  await core.close();
});

test('copies left half-made by a run that stopped (a crash during a backup or a restore) are removed at the next start', async () => {
  const { core, backups, dir } = await setup();
  const made = await backups.create('manual');
  await core.close();
  const leftovers = [
    `${made.name}.partial`,
    `${made.name}.partial-wal`,
    `${made.name}.partial-shm`,
    'restore-20260302T140000000Z.db.tmp',
    'restore-20260302T140000000Z.db.tmp-shm',
  ];
  for (const name of leftovers) writeFileSync(join(dir, 'backups', name), 'half-written');
  writeFileSync(join(dir, 'restore-1767225600000.db.tmp'), 'half-written');
  writeFileSync(join(dir, 'restore-1767225600000.db.tmp-wal'), 'half-written');
  const reopened = await openCore({ dataDir: dir });
  expect(readdirSync(join(dir, 'backups'))).toEqual([made.name]);
  expect(readdirSync(dir).filter((name) => name.startsWith('restore-'))).toEqual([]);
  await reopened.close();
});
