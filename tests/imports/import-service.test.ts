import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const present = existsSync(FIXTURES);
const bytesOf = (text: string | Buffer) => new Uint8Array(Buffer.from(text));
const fixture = (name: string) => bytesOf(readFileSync(join(FIXTURES, name)));
const count = async (core: Core, table: 'trade' | 'import_batch' | 'open_lot' | 'import_fill') =>
  (
    await core.storage.read
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

/** A preview that read the file (not a choice of formats). */
async function previewed(core: Core, request: Parameters<Core['imports']['preview']>[0]) {
  const preview = await core.imports.preview(request);
  if (preview.kind !== 'preview') throw new Error(`expected a preview, got a choice: ${preview.message}`);
  return preview;
}

async function setup(start = '2025-01-28T15:00:00Z', currency = 'USD') {
  const clock = new ManualClock(start);
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency, balance: '50000.00', timeZone: 'America/New_York' });
  return { core, clock };
}

describe.skipIf(!present)('importing broker files', () => {
  test('preview writes nothing; commit imports everything once, into the session running at each close', async () => {
    const { core, clock } = await setup('2025-01-28T15:50:00Z');
    const session = await core.sessions.create({
      durationMinutes: 240,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: false,
      start: true,
    });
    clock.set('2025-01-28T21:00:00Z');
    const preview = await previewed(core, { fileName: 'ninja.csv', bytes: fixture('ninjatrader-executions.csv'), preset: 'auto' });
    expect(preview).toMatchObject({ preset: 'ninjatrader_executions', duplicateCount: 0, problems: [] });
    expect(preview.totalPnl).toBe('303.70');
    expect(preview.sessions.find((s) => s.sessionId === session.id)?.trades).toBeGreaterThan(0);
    expect(await count(core, 'trade')).toBe(0);

    const result = await core.imports.commit(preview.previewId);
    expect(result).toMatchObject({ recorded: preview.tradeCount, duplicates: 0, openLots: 0 });
    const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row.totalTrades).toBe(preview.sessions.find((s) => s.sessionId === session.id)!.trades);

    const again = await previewed(core, { fileName: 'ninja.csv', bytes: fixture('ninjatrader-executions.csv'), preset: 'auto' });
    expect(again.newTradeCount).toBe(0);
    expect(again.skippedKnownFills).toBe(again.fills);
    await core.imports.commit(again.previewId);
    expect(await count(core, 'trade')).toBe(result.recorded);
    await core.close();
  });

  test('a position left open by one file is closed by the next', async () => {
    const { core } = await setup();
    const lines = readFileSync(join(FIXTURES, 'tradovate-orders-history.csv'), 'utf8').split('\n');
    const header = lines[0]!;
    const filled = lines.slice(1).filter((l) => l.includes(' Filled'));
    const sorted = filled.sort((a, b) => Date.parse(a.split(',')[9]!) - Date.parse(b.split(',')[9]!));
    const first = [header, ...sorted.slice(0, 5)].join('\n');
    const second = [header, ...sorted.slice(5)].join('\n');
    const one = await previewed(core, { fileName: 'a.csv', bytes: bytesOf(first), preset: 'tradovate_orders' });
    await core.imports.commit(one.previewId);
    expect(await count(core, 'open_lot')).toBeGreaterThan(0);
    const two = await previewed(core, { fileName: 'b.csv', bytes: bytesOf(second), preset: 'tradovate_orders' });
    await core.imports.commit(two.previewId);
    expect(await count(core, 'open_lot')).toBe(0);
    const total = await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.sum<number>('realizedPnl').as('pnl'))
      .executeTakeFirstOrThrow();
    expect(total.pnl).toBe(1_944_500_000);
    await core.close();
  });

  test('trades in another currency are listed as problems, not imported', async () => {
    const { core } = await setup('2021-01-01T00:00:00Z');
    const preview = await previewed(core, { fileName: 'ibkr.csv', bytes: fixture('ibkr-activity-statement-trades.csv'), preset: 'auto' });
    expect(preview.tradeCount).toBe(2);
    expect(preview.totalPnl).toBe('-90.463462');
    expect(preview.problems).toEqual([{ line: 2, message: expect.stringMatching(/in SEK, but the account is in USD/) }]);
    await core.close();
  });

  test('a breach through an import stops the session like a manual trade', async () => {
    const { core, clock } = await setup('2026-06-10T19:55:00Z');
    await core.profiles.update({ balance: '2000.00' });
    const session = await core.sessions.create({ durationMinutes: 1440, lossLimit: { kind: 'amount', amount: '300.00' }, acknowledgeRisk: true, start: true });
    clock.set('2026-06-11T12:00:00Z');
    const preview = await previewed(core, { fileName: 'tv.csv', bytes: fixture('tradovate-orders-history.csv'), preset: 'auto' });
    expect(preview.sessions.find((s) => s.sessionId === session.id)?.wouldBreach).toBe(true);
    const result = await core.imports.commit(preview.previewId);
    expect(result.breached).toBe(true);
    const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit' });
    await core.close();
  });
});

// These need no broker fixture: they run everywhere.
/** A journal of closed trades, `;`-separated with decimal commas. */
const JOURNAL = {
  kind: 'trades' as const,
  columns: { time: 'When', symbol: 'Ticker', pnl: 'Result', fees: 'Commission' },
  dateFormat: 'DD.MM.YYYY HH:mm:ss',
  decimalStyle: 'comma' as const,
  pointValue: '1',
};

describe('importing any file', () => {
  test('the generic mapping imports closed trades from any CSV, and saved mappings come back', async () => {
    const { core } = await setup('2026-03-02T14:00:00Z');
    const csv = 'When;Ticker;Result;Commission\n02.03.2026 09:31:00;AAPL;-12,50;1,00\n02.03.2026 09:45:10;MSFT;1.234,56;1,00\n02.03.2026 25:00:00;X;1;0\n';
    const mapping = {
      kind: 'trades' as const,
      columns: { time: 'When', symbol: 'Ticker', pnl: 'Result', fees: 'Commission' },
      dateFormat: 'DD.MM.YYYY HH:mm:ss',
      decimalStyle: 'comma' as const,
      pointValue: '1',
    };
    const preview = await previewed(core, { fileName: 'journal.csv', bytes: bytesOf(csv), preset: 'generic', mapping });
    expect(preview.trades.map((t) => t.netPnl)).toEqual(['-12.50', '1234.56']);
    expect(preview.problems).toEqual([{ line: 4, message: expect.stringMatching(/not a date/) }]);
    expect(await core.imports.saveMapping('My journal', mapping)).toEqual([{ name: 'My journal', mapping }]);
    await core.close();
  });

  test('the preview says an import of trades outside the running session stops it by the daily loss limit, and the commit does', async () => {
    const { core, clock } = await setup('2026-03-02T14:00:00Z');
    await core.profiles.update({ dailyLossLimit: '400.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago', lockoutMinutes: 0 });
    const session = await core.sessions.create({
      durationMinutes: 60,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: true,
      start: true,
    });
    clock.advance(60_000);
    // 08:59 in New York, a minute before the session started: the trades belong to no session.
    const csv = 'When;Ticker;Result;Commission\n02.03.2026 08:59:00;ES;-48,83;0\n02.03.2026 08:59:00;ES;-351,17;0\n';
    const mapping = {
      kind: 'trades' as const,
      columns: { time: 'When', symbol: 'Ticker', pnl: 'Result', fees: 'Commission' },
      dateFormat: 'DD.MM.YYYY HH:mm:ss',
      decimalStyle: 'comma' as const,
      pointValue: '1',
    };
    const preview = await previewed(core, { fileName: 'journal.csv', bytes: bytesOf(csv), preset: 'generic', mapping });
    expect(preview.sessions).toEqual(
      expect.arrayContaining([
        { sessionId: null, status: null, trades: 2, pnl: '-400.00', wouldBreach: false },
        { sessionId: session.id, status: 'active', trades: 0, pnl: '0.00', wouldBreach: true },
      ]),
    );
    expect((await core.imports.commit(preview.previewId)).breached).toBe(true);
    const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'stopped', terminationReason: 'daily_loss_limit', lockoutUntil: Date.parse('2026-03-02T23:00:00Z') });
    await core.close();
  });

  // A commit with nothing written since its preview records the preview's plan; these are the cases where it must not.
  test('a trade recorded between the preview and the commit is in the session the import updates', async () => {
    const { core, clock } = await setup('2026-03-02T14:00:00Z');
    const session = await core.sessions.create({
      durationMinutes: 10080,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: true,
      start: true,
    });
    clock.set('2026-03-02T16:00:00Z');
    const csv = 'When;Ticker;Result;Commission\n02.03.2026 09:31:00;ES;-12,50;0\n02.03.2026 09:45:10;ES;100,00;0\n';
    const preview = await previewed(core, { fileName: 'journal.csv', bytes: bytesOf(csv), preset: 'generic', mapping: JOURNAL });
    expect(preview.sessions).toEqual([{ sessionId: session.id, status: 'active', trades: 2, pnl: '87.50', wouldBreach: false }]);
    await core.trades.recordManual({ kind: 'pnl', pnl: '-20.00' });
    expect((await core.imports.commit(preview.previewId)).recorded).toBe(2);
    const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ totalTrades: 3, realizedPnl: 67_500_000 });
    await core.close();
  });

  test('a preview committed on the next trading day reads the daily loss limit of that day', async () => {
    const { core, clock } = await setup('2026-03-02T14:00:00Z');
    await core.profiles.update({ dailyLossLimit: '400.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago', lockoutMinutes: 0 });
    const session = await core.sessions.create({
      durationMinutes: 10080,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: true,
      start: true,
    });
    clock.advance(60_000);
    // Before the session started, on the day it trades in: the import would stop it by the daily limit today.
    const csv = 'When;Ticker;Result;Commission\n02.03.2026 08:59:00;ES;-400,00;0\n';
    const preview = await previewed(core, { fileName: 'journal.csv', bytes: bytesOf(csv), preset: 'generic', mapping: JOURNAL });
    expect(preview.sessions.find((s) => s.sessionId === session.id)?.wouldBreach).toBe(true);
    // 17:30 in Chicago: the next trading day, in which the file's loss is not.
    clock.set('2026-03-02T23:30:00Z');
    expect((await core.imports.commit(preview.previewId)).breached).toBe(false);
    const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
    await core.close();
  });

  test('a preview committed after the lockout it was made in ran out records its trades as outside any lockout', async () => {
    const { core, clock } = await setup('2026-03-02T14:00:00Z');
    const session = await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: true, start: true });
    clock.advance(60_000);
    expect((await core.trades.recordManual({ kind: 'pnl', pnl: '-150.00' })).breached).toBe(true);
    const { lockoutUntil } = await core.storage.read.selectFrom('TradingSession').select('lockoutUntil').where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(lockoutUntil).toBeGreaterThan(clock.now());
    const lockoutNotes = async () =>
      (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', session.id).execute()).filter(
        (e) => e.type === 'trade_during_lockout',
      ).length;
    // Trades of the day before, in no session: recorded during the lockout, they are noted on the session that locked.
    const during = await previewed(core, {
      fileName: 'a.csv',
      bytes: bytesOf('When;Ticker;Result;Commission\n01.03.2026 10:00:00;ES;-12,50;0\n'),
      preset: 'generic',
      mapping: JOURNAL,
    });
    await core.imports.commit(during.previewId);
    expect(await lockoutNotes()).toBe(1);
    const after = await previewed(core, {
      fileName: 'b.csv',
      bytes: bytesOf('When;Ticker;Result;Commission\n01.03.2026 11:00:00;ES;-7,50;0\n'),
      preset: 'generic',
      mapping: JOURNAL,
    });
    clock.set(lockoutUntil! + 60_000);
    expect((await core.imports.commit(after.previewId)).recorded).toBe(1);
    expect(await lockoutNotes()).toBe(1);
    await core.close();
  });

  test('a file previewed before another import of some of its fills was committed records only the fills new at its commit', async () => {
    const { core } = await setup('2026-03-02T14:00:00Z');
    const fills = (n: number) =>
      [
        'Time,Symbol,Side,Qty,Price,Fees,Fill ID',
        ...Array.from({ length: n }, (_, i) => `2026-03-02 09:3${i}:00,MNQH6,${i % 2 === 0 ? 'Buy' : 'Sell'},1,${21000 + i * 4},0.50,f${i}`),
      ].join('\n');
    const mapping = {
      kind: 'fills' as const,
      columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price', fees: 'Fees', id: 'Fill ID' },
      dateFormat: 'YYYY-MM-DD HH:mm:ss',
      decimalStyle: 'dot' as const,
      pointValue: 'futures',
    };
    const first = await previewed(core, { fileName: 'day.csv', bytes: bytesOf(fills(2)), preset: 'generic', mapping, timeZone: 'UTC' });
    const whole = await previewed(core, { fileName: 'day-and-more.csv', bytes: bytesOf(fills(4)), preset: 'generic', mapping, timeZone: 'UTC' });
    expect(whole.newTradeCount).toBe(2);
    expect((await core.imports.commit(first.previewId)).recorded).toBe(1);
    // The first file's fills are imported now: the second file is read and matched again, and adds only its second round trip.
    expect(await core.imports.commit(whole.previewId)).toMatchObject({ recorded: 1, duplicates: 0, openLots: 0 });
    const trades = await core.storage.read.selectFrom('trade').select(['realizedPnl', 'fees']).orderBy('closedAt').execute();
    expect(trades).toEqual([
      { realizedPnl: 7_000_000, fees: 1_000_000 },
      { realizedPnl: 7_000_000, fees: 1_000_000 },
    ]);
    expect(await count(core, 'import_fill')).toBe(4);
    await core.close();
  });

  test('a bad file is refused with a clear message and nothing is written', async () => {
    const { core } = await setup();
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty', bytesOf(''), /empty|base64|Invalid/],
      ['zip', bytesOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), /zip/],
      ['binary', bytesOf(Buffer.from([1, 2, 0, 4, 5])), /binary/],
      ...(present ? [['flex header only', fixture('ibkr-trade-confirmation-flex-header-only.csv'), /no trades/] as [string, Uint8Array, RegExp]] : []),
    ];
    for (const [name, content, message] of cases) {
      await expect(core.imports.preview({ fileName: `${name}.csv`, bytes: content, preset: 'auto' }), name).rejects.toThrow(message);
    }
    // A file no format knows is not refused: the trader is asked which format it is, or to map it.
    for (const [name, content] of [
      ['xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
      ['unknown', 'a,b,c\n1,2,3\n'],
    ] as const) {
      expect(await core.imports.preview({ fileName: `${name}.csv`, bytes: bytesOf(content), preset: 'auto' }), name).toMatchObject({
        kind: 'choose',
        candidates: [],
        message: expect.stringMatching(/not one of the known broker exports/),
      });
    }
    expect(await count(core, 'trade')).toBe(0);
    expect(await count(core, 'import_batch')).toBe(0);
    await core.close();
  });
});
