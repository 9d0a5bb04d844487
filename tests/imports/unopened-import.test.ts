import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { channels } from '../../src-main/contract/channels.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const HEADER = 'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time';
const order = (symbol: string, side: string, qty: number, price: string, time: string) =>
  `${symbol} INC,${symbol},${side},Filled,${qty},${qty},@${price},${price},DAY,${time} EDT,${time} EDT`;
const file = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));
/** June: the sale of shares bought in May, and a new purchase. */
const june = file(order('MSFT', 'Buy', 2, '50.00', '06/04/2024 10:00:00'), order('AAPL', 'Sell', 10, '110.00', '06/03/2024 10:00:00'));
const may = file(order('AAPL', 'Buy', 10, '100.00', '05/20/2024 10:00:00'));

async function setup() {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock('2024-06-10T15:00:00Z') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '50000.00', timeZone: 'America/New_York' });
  return core;
}

async function previewed(core: Core, bytes: Uint8Array, openingPrices?: Array<{ line: number; price: string }>) {
  const preview = await core.imports.preview({ fileName: 'Webull_Orders_Records.csv', bytes, preset: 'auto', ...(openingPrices && { openingPrices }) });
  if (preview.kind !== 'preview') throw new Error(preview.message);
  return preview;
}
const pnl = async (core: Core) =>
  (
    await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.sum<number>('realizedPnl').as('pnl'))
      .executeTakeFirstOrThrow()
  ).pnl;

describe('a sale the file does not open', () => {
  test('is listed as no known opening position with its line, in no P&L; importing the earlier history first then makes it a trade', async () => {
    const core = await setup();
    const first = await previewed(core, june);
    expect(first.unopened).toEqual([
      { line: 3, account: 'Webull', symbol: 'AAPL', side: 'sell', quantity: '10', price: '110', time: '2024-06-03T14:00:00.000Z' },
    ]);
    expect([first.newTradeCount, first.totalPnl]).toEqual([0, '0.00']);
    await core.imports.commit(first.previewId);

    await core.imports.commit((await previewed(core, may)).previewId);
    const again = await previewed(core, june);
    expect(again.unopened).toEqual([]);
    expect([again.newTradeCount, again.totalPnl]).toEqual([1, '100.00']);
    await core.imports.commit(again.previewId);
    expect(await pnl(core)).toBe(100_000_000);
    // Nothing is left to match twice: both files again add nothing.
    expect((await previewed(core, june)).newTradeCount).toBe(0);
    expect((await previewed(core, may)).newTradeCount).toBe(0);
    await core.close();
  });

  test('an opening price entered for its line makes it a trade, committed as previewed', async () => {
    const core = await setup();
    const preview = await previewed(core, june, [{ line: 3, price: '95.50' }]);
    expect(preview.unopened).toEqual([]);
    expect(preview.openingPrices).toEqual([{ line: 3, price: '95.5' }]);
    expect(preview.trades.map((t) => [t.symbol, t.side, t.entryPrice, t.netPnl])).toEqual([['AAPL', 'long', '95.5', '145.00']]);
    const result = await core.imports.commit(preview.previewId);
    expect(result.recorded).toBe(1);
    expect(await pnl(core)).toBe(145_000_000);
    await core.close();
  });

  test('a sale the trader says opened a short opens one, committed as previewed', async () => {
    const core = await setup();
    const preview = await core.imports.preview({ fileName: 'Webull_Orders_Records.csv', bytes: june, preset: 'auto', shortLines: [3] });
    if (preview.kind !== 'preview') throw new Error(preview.message);
    expect([preview.unopened, preview.shortLines, preview.openLotsAfter]).toEqual([[], [3], 2]);
    await core.imports.commit(preview.previewId);
    const lots = await core.storage.read.selectFrom('open_lot').select(['symbol', 'side', 'quantity']).orderBy('symbol').execute();
    expect(lots).toEqual([
      { symbol: 'AAPL', side: 'short', quantity: '10' },
      { symbol: 'MSFT', side: 'long', quantity: '2' },
    ]);
    await core.close();
  });

  test('a negative opening price is refused at the boundary, by its field', () => {
    const parsed = channels.previewImport.schema.safeParse({
      fileName: 'a.csv',
      contentBase64: Buffer.from(june).toString('base64'),
      preset: 'auto',
      openingPrices: [{ line: 3, price: '-1' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['openingPrices', 0, 'price']);
  });
});
