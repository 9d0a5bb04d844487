import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import type { TradeSource } from '../../src-main/contract/views.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const trade = (clock: ManualClock, source: TradeSource, externalId: string) => ({
  source,
  externalId,
  fees: new Decimal(0),
  realizedPnl: new Decimal('1.00'),
  closedAt: clock.now(),
  symbol: 'MNQ',
});

test('a trade is a duplicate by its source and external id: repeated in the batch or recorded before, never across sources', async () => {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  // Over a hundred ids: the large-batch path, which first asks whether the source has any.
  const ids = Array.from({ length: 120 }, (_, i) => `i${i}`);

  const first = await core.trades.record([...ids.map((id) => trade(clock, 'import', id)), trade(clock, 'import', 'i0')]);
  expect({ stored: first.trades.length, duplicates: first.duplicates }).toEqual({ stored: 120, duplicates: 1 });

  const again = await core.trades.record([...ids.map((id) => trade(clock, 'import', id)), trade(clock, 'feed', 'i5')]);
  expect({ stored: again.trades.map((t) => `${t.source}:${t.externalId}`), duplicates: again.duplicates }).toEqual({ stored: ['feed:i5'], duplicates: 120 });

  const small = await core.trades.record([
    trade(clock, 'import', 'i3'),
    trade(clock, 'feed', 'i5'),
    trade(clock, 'manual', 'i5'),
    trade(clock, 'import', 'n1'),
  ]);
  expect({ stored: small.trades.map((t) => `${t.source}:${t.externalId}`).sort(), duplicates: small.duplicates }).toEqual({
    stored: ['import:n1', 'manual:i5'],
    duplicates: 2,
  });
  await core.close();
});
