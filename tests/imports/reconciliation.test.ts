import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const present = existsSync(FIXTURES);
const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'latin1');
const bytesOf = (text: string, encoding: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(text, encoding));
const count = async (core: Core, table: 'trade' | 'import_batch') =>
  (
    await core.storage.read
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

async function setup(timeZone = 'America/New_York') {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock('2026-10-07T12:00:00Z') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '50000.00', timeZone });
  return core;
}

async function previewed(core: Core, fileName: string, bytes: Uint8Array) {
  const preview = await core.imports.preview({ fileName, bytes, preset: 'auto' });
  if (preview.kind !== 'preview') throw new Error(`expected a preview, got a choice: ${preview.message}`);
  return preview;
}

describe.skipIf(!present)('the platform’s own totals beside ours, in the preview', () => {
  test('NinjaTrader Trades grid: the last Cum. net profit and each account’s days agree with the trades read', async () => {
    const core = await setup();
    const preview = await previewed(core, 'trades.csv', bytesOf(fixtureText('ninjatrader-trades-grid.csv'), 'latin1'));
    const reconciliation = preview.reconciliation!;
    expect(reconciliation).toMatchObject({ against: 'file', differences: 0 });
    expect(reconciliation.rows[0]).toEqual({
      label: 'Cum. net profit',
      account: null,
      day: null,
      basis: 'net',
      platform: '-500.00',
      ours: '-500.00',
      difference: '0.00',
    });
    // The per-day rows of each account add up to its total in the fixtures README.
    const perAccount = new Map<string, Decimal>();
    for (const row of reconciliation.rows.slice(1)) perAccount.set(row.account!, (perAccount.get(row.account!) ?? new Decimal(0)).plus(row.platform));
    expect(Object.fromEntries([...perAccount].map(([account, total]) => [account, total.toFixed(2)]))).toEqual({
      BreakOuts: '212.50',
      Sim101: '-475.00',
      'Robert Randolph & Haeun Kang!PhillipNTB!7ME6640': '-237.50',
    });
    expect(reconciliation.rows.find((r) => r.account === 'Sim101' && r.day === '2018-05-08')).toMatchObject({ platform: '-237.50', ours: '-237.50' });
    await core.close();
  });

  test('a grid that does not start with the account’s first trade shows the difference for the file and for that account’s day', async () => {
    const core = await setup();
    const lines = fixtureText('ninjatrader-trades-grid.csv').split(/\r?\n/);
    // Trades 1 and 2 (+25.00, -200.00) left out: NinjaTrader's running total still counts them.
    const preview = await previewed(core, 'trades.csv', bytesOf([lines[0], ...lines.slice(3)].join('\n'), 'latin1'));
    const reconciliation = preview.reconciliation!;
    expect(reconciliation.differences).toBe(2);
    expect(reconciliation.rows.filter((r) => r.difference !== '0.00')).toEqual([
      { label: 'Cum. net profit', account: null, day: null, basis: 'net', platform: '-500.00', ours: '-325.00', difference: '175.00' },
      { label: 'Cum. net profit', account: 'Sim101', day: '2018-05-08', basis: 'net', platform: '-237.50', ours: '-62.50', difference: '175.00' },
    ]);
    await core.close();
  });

  test('a grid whose Cum. net profit leaves commissions out is compared before fees, on both sides', async () => {
    const core = await setup();
    const lines = fixtureText('ninjatrader-trades-grid.csv').split(/\r?\n/);
    const first = lines[1]!.split(',');
    expect(lines[0]!.split(',')[14]).toBe('Commission');
    first[14] = '$2.00';
    const preview = await previewed(core, 'trades.csv', bytesOf([lines[0], first.join(','), ...lines.slice(2)].join('\n'), 'latin1'));
    expect(preview.byAccount.find((a) => a.account === 'Sim101')).toMatchObject({ fees: '2.00', net: '-477.00' });
    expect(preview.reconciliation).toMatchObject({ differences: 0 });
    expect(preview.reconciliation!.rows[0]).toEqual({
      label: 'Cum. net profit',
      account: null,
      day: null,
      basis: 'gross',
      platform: '-500.00',
      ours: '-500.00',
      difference: '0.00',
    });
    await core.close();
  });

  test('MetaTrader 4 statement: its Closed Trade P/L beside the trades read, and a statement whose figure differs says by how much', async () => {
    const core = await setup();
    const html = fixtureText('mt4-detailed-statement.htm');
    const same = await previewed(core, 'statement.htm', bytesOf(html, 'latin1'));
    expect(same.reconciliation).toEqual({
      against: 'file',
      differences: 0,
      rows: [{ label: 'Closed Trade P/L', account: null, day: null, basis: 'net', platform: '8205.65', ours: '8205.65', difference: '0.00' }],
    });

    const figure = /(Closed Trade P\/L:<\/b><\/td>[\s\S]*?>)\s*8[\s\u00a0]?205\.65\s*</.exec(html);
    expect(figure).not.toBeNull();
    const edited = html.replace(figure![0], `${figure![1]}8 200.00<`);
    const differs = await previewed(core, 'statement.htm', bytesOf(edited, 'latin1'));
    expect(differs.reconciliation).toMatchObject({ differences: 1, rows: [{ platform: '8200.00', ours: '8205.65', difference: '5.65' }] });
    await core.close();
  });

  test('a file that carries no totals of its own has no reconciliation', async () => {
    const core = await setup();
    const preview = await previewed(core, 'fills.csv', bytesOf(fixtureText('tradovate-fills.csv'), 'latin1'));
    expect(preview.reconciliation).toBeNull();
    await core.close();
  });
});

describe('a cash or balance history on its own is offered for reconciling, never imported', () => {
  const cashHistory = [
    'Account,Transaction ID,Timestamp,Date,Delta,Amount,Cash Change Type,Currency,Contract',
    'DEMO1234,50,10/01/2026 08:00:00,2026-10-01,25000.00,25000.00,Fund Transaction,USD,',
    'DEMO1234,101,10/05/2026 09:30:00,2026-10-05,-0.70,24999.30,Exchange Fee,USD,MNQZ6',
    'DEMO1234,104,10/05/2026 09:30:00,2026-10-05,-0.48,24998.82,Commission,USD,MNQZ6',
    'DEMO1234,600,10/05/2026 09:35:10,2026-10-05,15.00,25013.82,Trade Paired,USD,MNQZ6',
    'DEMO1234,700,10/06/2026 10:10:00,2026-10-06,-50.00,24963.82,Trade Paired,USD,MNQZ6',
    'DEMO1234,701,10/06/2026 16:00:00,2026-10-06,1.10,24964.92,Interest,USD,',
  ].join('\n');

  /** One MNQ round trip on 5 October in account DEMO1234: +7.50 points x 2 = 15.00, less 1.18 fees = 13.82. */
  async function recordedDay(core: Core) {
    const fill = (key: string, side: 'buy' | 'sell', price: string, time: string, fees: string) => ({
      key,
      account: 'DEMO1234',
      symbol: 'MNQZ6',
      side,
      quantity: new Decimal(1),
      price: new Decimal(price),
      fees: new Decimal(fees),
      time: Date.parse(time),
      pointValue: new Decimal(2),
    });
    await core.imports.recordLiveFills(
      [fill('c1', 'buy', '20000', '2026-10-05T14:30:00Z', '0.59'), fill('c2', 'sell', '20007.50', '2026-10-05T14:35:10Z', '0.59')],
      [],
    );
  }

  test('a Tradovate Cash History: each day’s trading rows (not the deposit, not interest) beside the trades recorded that day; nothing can be committed', async () => {
    const core = await setup('America/Chicago');
    await recordedDay(core);
    const before = { trades: await count(core, 'trade'), batches: await count(core, 'import_batch') };
    const preview = await previewed(core, 'Cash History.csv', bytesOf(cashHistory));
    expect(preview).toMatchObject({ preset: 'cash_history', presetLabel: 'Cash history', tradeCount: 0, newTradeCount: 0, trades: [] });
    expect(preview.warnings[0]).toMatch(/^This is a cash history .*Nothing in it is imported as trades.*compared below with the trades already recorded/);
    expect(preview.reconciliation).toEqual({
      against: 'recorded',
      differences: 1,
      rows: [
        { label: 'Delta of the trading rows', account: 'DEMO1234', day: '2026-10-05', basis: 'net', platform: '13.82', ours: '13.82', difference: '0.00' },
        { label: 'Delta of the trading rows', account: 'DEMO1234', day: '2026-10-06', basis: 'net', platform: '-50.00', ours: '0.00', difference: '50.00' },
      ],
    });
    await expect(core.imports.commit(preview.previewId)).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/nothing in it is imported as trades/),
    });
    expect({ trades: await count(core, 'trade'), batches: await count(core, 'import_batch') }).toEqual(before);
    await core.close();
  });

  test('an Account Balance History: its realized P&L per day beside the trades recorded, voided trades left out', async () => {
    const core = await setup('America/Chicago');
    await recordedDay(core);
    const balance = [
      'Account ID,Account Name,Trade Date,Total Amount,Total Realized PNL',
      '1234,DEMO1234,2026-10-05,50013.82,13.82',
      '1234,DEMO1234,2026-10-06,49900.00,-113.82',
    ].join('\n');
    const preview = await previewed(core, 'Account Balance History.csv', bytesOf(balance));
    expect(preview.reconciliation!.rows.map((r) => [r.label, r.account, r.day, r.platform, r.ours, r.difference])).toEqual([
      ['Total Realized PNL', 'DEMO1234', '2026-10-05', '13.82', '13.82', '0.00'],
      ['Total Realized PNL', 'DEMO1234', '2026-10-06', '-113.82', '0.00', '113.82'],
    ]);

    const [trade] = await core.storage.read.selectFrom('trade').select('id').execute();
    await core.trades.voidTrade(trade!.id, 'test');
    const after = await previewed(core, 'Account Balance History.csv', bytesOf(balance));
    expect(after.reconciliation!.rows[0]).toMatchObject({ ours: '0.00', difference: '-13.82' });
    await core.close();
  });
});
