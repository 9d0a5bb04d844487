import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import type { WatchedFileView } from '../../src-main/contract/views.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { IMPORTED_SUBFOLDER } from '../../src-main/imports/watched-folder.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const MAPPING = {
  kind: 'trades',
  columns: { time: 'Closed', symbol: 'Symbol', pnl: 'PnL' },
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  decimalStyle: 'dot',
  pointValue: '1',
} as const;
const GOOD = 'Closed,Symbol,PnL\n2025-01-28 10:15:00,MNQ,-120.50\n2025-01-28 10:40:00,MNQ,80.00\n';
const BAD = 'Closed,Symbol,PnL\n2025-01-28 11:15:00,MNQ,-20.00\n2025-01-28 11:20:00,MNQ,lots\n';

async function setup() {
  const dataDir = tempDir();
  const folder = join(tempDir(), 'exports');
  mkdirSync(folder);
  const core = await openCore({ dataDir, clock: new ManualClock('2025-01-28T16:00:00Z') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '50000.00', timeZone: 'America/New_York' });
  await core.imports.saveMapping('journal', MAPPING);
  const files: WatchedFileView[] = [];
  core.bus.subscribe((event: AppEvent) => {
    if (event.type === 'folder_import') files.push(event.file);
  });
  return { dataDir, folder, core, files };
}

const tradeCount = async (core: Core) =>
  (
    await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

test('off by default; a folder that does not exist, a relative path or a missing mapping is refused at its field', async () => {
  const { core, folder } = await setup();
  expect(await core.watchedFolder.settings()).toMatchObject({ enabled: false, folder: null, running: false, recent: [] });
  await expect(core.watchedFolder.update({ enabled: true, folder: join(folder, 'nope') })).rejects.toMatchObject({ code: 'validation', field: 'folder' });
  await expect(core.watchedFolder.update({ enabled: true, folder: 'exports' })).rejects.toMatchObject({ code: 'validation', field: 'folder' });
  await expect(core.watchedFolder.update({ enabled: true, folder, preset: 'generic', mappingName: 'gone' })).rejects.toMatchObject({
    code: 'validation',
    field: 'mappingName',
  });
  expect((await core.watchedFolder.settings()).enabled).toBe(false);
  await core.close();
});

test('a dropped file is imported once it stops changing, then moved to imported/; the setting survives a restart', async () => {
  const { dataDir, folder, core, files } = await setup();
  expect(await core.watchedFolder.update({ enabled: true, folder, preset: 'generic', mappingName: 'journal' })).toMatchObject({ enabled: true, running: true });

  writeFileSync(join(folder, 'day.csv'), GOOD.slice(0, 60));
  await core.watchedFolder.scan();
  appendFileSync(join(folder, 'day.csv'), GOOD.slice(60));
  await core.watchedFolder.scan();
  expect(files).toEqual([]);
  expect(await tradeCount(core)).toBe(0);

  await core.watchedFolder.scan();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatchObject({ fileName: 'day.csv', ok: true, recorded: 2 });
  expect(await tradeCount(core)).toBe(2);
  expect(readdirSync(folder).sort()).toEqual([IMPORTED_SUBFOLDER]);
  expect(readFileSync(join(folder, IMPORTED_SUBFOLDER, 'day.csv'), 'utf8')).toBe(GOOD);

  writeFileSync(join(folder, 'day.csv'), GOOD);
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files[1]).toMatchObject({ ok: true, recorded: 0 });
  expect(readdirSync(join(folder, IMPORTED_SUBFOLDER)).sort()).toEqual(['day (2).csv', 'day.csv']);
  expect(await tradeCount(core)).toBe(2);
  await core.close();

  const reopened = await openCore({ dataDir });
  expect(await reopened.watchedFolder.settings()).toMatchObject({ enabled: true, folder, preset: 'generic', mappingName: 'journal', running: true });
  await reopened.close();
});

test('a file that fails is reported with its line, nothing from it is recorded, it stays in place and is tried again only once it changes', async () => {
  const { folder, core, files } = await setup();
  await core.watchedFolder.update({ enabled: true, folder, preset: 'generic', mappingName: 'journal' });
  writeFileSync(join(folder, 'bad.csv'), BAD);
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files).toHaveLength(1);
  expect(files[0]!.ok).toBe(false);
  expect(files[0]!.message).toMatch(/bad\.csv was not imported: 1 problem \(line 3: /);
  expect(await tradeCount(core)).toBe(0);
  expect(readdirSync(folder)).toEqual(['bad.csv']);

  await core.watchedFolder.scan();
  expect(files).toHaveLength(1);

  writeFileSync(join(folder, 'bad.csv'), BAD.replace('lots', '15.25'));
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files[1]).toMatchObject({ ok: true, recorded: 2 });
  expect((await core.watchedFolder.settings()).recent.map((f) => f.ok)).toEqual([true, false]);
  await core.close();
});

test('a binary file renamed .csv and a folder that disappears are reported, not crashed on', async () => {
  const { folder, core, files } = await setup();
  await core.watchedFolder.update({ enabled: true, folder, preset: 'auto' });
  writeFileSync(join(folder, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(join(folder, 'notes.docx'), 'not a trade file');
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files.map((f) => [f.fileName, f.ok])).toEqual([['photo.csv', false]]);
  expect(existsSync(join(folder, 'photo.csv'))).toBe(true);

  rmSync(folder, { recursive: true });
  await core.watchedFolder.scan();
  expect((await core.watchedFolder.settings()).error).toMatch(/can’t be read/);
  await core.close();
});

test.skipIf(!existsSync(FIXTURES))('a real Tradovate export dropped in the folder imports like the import screen does', async () => {
  const { folder, core, files } = await setup();
  await core.watchedFolder.update({ enabled: true, folder, preset: 'tradovate_orders' });
  writeFileSync(join(folder, 'Orders.csv'), readFileSync(join(FIXTURES, 'tradovate-orders-history.csv')));
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files[0]).toMatchObject({ ok: true, recorded: 6 });
  expect(files[0]!.message).toContain('Tradovate Orders');
  await core.close();
});

test('a file whose sales have no known opening is imported without them, and the report names their lines', async () => {
  const { folder, core, files } = await setup();
  await core.watchedFolder.update({ enabled: true, folder, preset: 'auto' });
  const webull = [
    'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
    'ACME,ACME,Buy,Filled,5,5,@10.00,10.00,DAY,01/28/2025 10:05:00 EST,01/28/2025 10:05:00 EST',
    'KO,KO,Sell,Filled,10,10,@62.00,62.00,DAY,01/28/2025 10:00:00 EST,01/28/2025 10:00:00 EST',
  ].join('\n');
  writeFileSync(join(folder, 'Webull_Orders_Records.csv'), webull);
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(files).toHaveLength(1);
  expect(files[0]!.ok).toBe(true);
  expect(files[0]!.message).toMatch(/1 close with no known opening position \(line 3\) left out/);
  await core.close();
});
