import { describe, expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup() {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  return { core, clock, events };
}
const trade = (clock: ManualClock, pnl: string, extra: object = {}) => ({
  source: 'feed' as const,
  fees: new Decimal(0),
  realizedPnl: new Decimal(pnl),
  closedAt: clock.now(),
  symbol: 'MNQ',
  ...extra,
});

describe('trades outside a session, and trades during a lockout (issue 16 item 5)', () => {
  test('a trade recorded while a lockout runs raises an alert naming it, and the stop that started the lockout does not', async () => {
    const { core, clock, events } = await setup();
    await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    clock.advance(MINUTE_MS);
    await core.trades.record([trade(clock, '-150.00', { externalId: 'breach' })]);
    expect(events.some((e) => e.type === 'breach')).toBe(true);
    expect(events.some((e) => e.type === 'lockout_trade')).toBe(false);

    clock.advance(MINUTE_MS);
    await core.trades.record([trade(clock, '-42.50', { externalId: 'late' })]);
    const alert = events.find((e) => e.type === 'lockout_trade');
    expect(alert).toMatchObject({
      type: 'lockout_trade',
      until: '2026-03-02T15:00:00.000Z',
      trades: [{ externalId: 'late', realizedPnl: '-42.50', sessionId: null }],
    });
    expect(alert && 'message' in alert && alert.message).toMatch(
      /^A trade was recorded while you are locked out \(-\$42\.50\)\. The loss limit stopped your last session/,
    );

    clock.set('2026-03-02T15:00:00Z');
    events.length = 0;
    await core.trades.record([trade(clock, '5.00', { externalId: 'after' })]);
    expect(events.some((e) => e.type === 'lockout_trade')).toBe(false);
    await core.close();
  });

  test('every trade can be listed, by source and session, with the ones no session holds as their own group', async () => {
    const { core, clock } = await setup();
    await core.trades.record([trade(clock, '10.00', { source: 'import', externalId: 'i1' }), trade(clock, '-3.00', { source: 'import', externalId: 'i2' })]);
    const s = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    clock.advance(MINUTE_MS);
    await core.trades.record([trade(clock, '-150.00', { externalId: 'stop' })]);
    const stoppedAt = new Date(clock.now()).toISOString();
    clock.advance(MINUTE_MS);
    await core.trades.record([trade(clock, '-42.50', { externalId: 'late' })]);

    const all = await core.history.trades({});
    expect(all).toMatchObject({ total: 4, outsideSessions: 3 });
    expect(all.items.map((t) => t.externalId)).toEqual(['late', 'stop', 'i2', 'i1']);
    expect((await core.history.trades({ session: 'none' })).items.map((t) => t.externalId)).toEqual(['late', 'i2', 'i1']);
    expect((await core.history.trades({ session: s.id })).items.map((t) => t.externalId)).toEqual(['stop']);
    expect((await core.history.trades({ sources: ['import'] })).total).toBe(2);
    expect((await core.history.trades({ recordedAfter: stoppedAt })).items.map((t) => t.externalId)).toEqual(['late']);
    expect((await core.history.trades({ pageSize: 1, page: 2 })).items.map((t) => t.externalId)).toEqual(['stop']);
    await core.close();
  });
});
