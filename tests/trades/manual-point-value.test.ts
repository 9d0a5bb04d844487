import { describe, expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import type { ManualTradePreview, RecordTradeOutcome } from '../../src-main/contract/views.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup() {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock('2026-03-02T14:00:00Z') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '25000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
  return { core, dispatch };
}
const mnq = { kind: 'prices', symbol: 'MNQ', side: 'long', quantity: '1', entryPrice: '21000', exitPrice: '21010.25' } as const;

describe('manual entry in prices mode uses the point-value table (issue 16 item 1)', () => {
  test('MNQ long 1 from 21000 to 21010.25 with the point value left blank records +20.50 (MNQ is 2), and the preview says which value it used', async () => {
    const { core, dispatch } = await setup();
    const preview = await dispatch('previewTrade', mnq);
    expect(preview).toMatchObject({
      ok: true,
      value: { realizedPnl: '20.50', pointValue: { value: '2', root: 'MNQ', from: 'built_in' } } satisfies Partial<ManualTradePreview>,
    });
    const recorded = await dispatch('recordTrade', mnq);
    expect(recorded.ok && (recorded.value as RecordTradeOutcome).trade).toMatchObject({ realizedPnl: '20.50', pointValue: '2' });
    await core.close();
  });

  test('the trader’s own value wins over the built-in one, a contract month spelling finds its root, and a typed value is taken as typed', async () => {
    const { core, dispatch } = await setup();
    await dispatch('setPointValue', { root: 'MNQ', value: '4' });
    expect(await dispatch('previewTrade', { ...mnq, symbol: 'MNQM6' })).toMatchObject({
      ok: true,
      value: { realizedPnl: '41.00', pointValue: { value: '4', root: 'MNQ', from: 'yours' } },
    });
    expect(await dispatch('previewTrade', { ...mnq, symbol: 'AAPL', pointValue: '1' })).toMatchObject({
      ok: true,
      value: { realizedPnl: '10.25', pointValue: { value: '1', root: null, from: 'entry' } },
    });
    await core.close();
  });

  test('an unknown root is refused at the point-value field, as imports refuse it, and nothing is recorded', async () => {
    const { core, dispatch } = await setup();
    const refused = await dispatch('recordTrade', { ...mnq, symbol: 'XYZU6' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'pointValue', fieldErrors: [{ field: 'pointValue', code: 'unknown_point_value' }] },
    });
    expect(!refused.ok && refused.error.message).toContain('XYZU6');
    expect(await core.storage.read.selectFrom('trade').selectAll().execute()).toEqual([]);
    await core.close();
  });
});
