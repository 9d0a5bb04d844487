import { expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { SessionRulesInput } from '../../src-main/contract/views.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { NO_RULES_INPUT } from '../../src-main/sessions/session-rules.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const begin = (core: Core, rules: Partial<SessionRulesInput> = {}) =>
  core.sessions.create({
    durationMinutes: 60,
    lossLimit: { kind: 'amount', amount: '100.00' },
    rules: { ...NO_RULES_INPUT, ...rules },
    acknowledgeRisk: true,
    start: true,
  });

test('the discipline record: endings, sessions kept, cooldowns traded through, early-end requests, and what followed the 90 % warning', async () => {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  await core.profiles.update({ lockoutMinutes: 30, applyPnlToBalance: false });
  const trade = async (pnl: string) => {
    clock.advance(MINUTE_MS);
    return core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() }]);
  };

  // 1: kept trading after the 90 % warning (-10.00 after it), stopped by the limit, then a trade in the lockout.
  const first = await begin(core);
  for (const pnl of ['-50.00', '-30.00', '-15.00', '-10.00']) await trade(pnl);
  await trade('-5.00');
  clock.advance(HOUR_MS);
  // 2: completed on time: kept.
  await begin(core);
  clock.advance(HOUR_MS);
  await core.sessions.tick();
  // 3: a cooldown traded through, then time ran out.
  await begin(core, { losingStreak: { losses: 2, cooldownMinutes: 30, stop: false } });
  await trade('-1.00');
  await trade('-1.00');
  await trade('4.00');
  clock.advance(HOUR_MS);
  await core.sessions.tick();
  // 4: ended early after a 5-minute cool-off, +20.00 traded while waiting.
  const fourth = await begin(core, { coolOffMinutes: 5 });
  const request = await core.sessions.requestEarlyEnd(fourth.id, 'stop');
  await trade('20.00');
  clock.advance(5 * MINUTE_MS);
  await core.sessions.confirmEarlyEnd(request.id);

  const report = await core.history.discipline({});
  expect(report.sessions).toBe(4);
  expect(report.endings).toEqual([
    { ending: 'time', count: 2, share: '50.00' },
    { ending: 'rule', count: 1, share: '25.00' },
    { ending: 'manual', count: 1, share: '25.00' },
    { ending: 'not_started', count: 0, share: '0.00' },
  ]);
  expect(report.byRule.find((r) => r.reason === 'loss_limit')?.count).toBe(1);
  expect(report.kept).toEqual({ sessions: 1, currentStreak: 0, longestStreak: 1 });
  expect(report.cooldowns).toEqual({ total: 1, respected: 0, tradedThrough: 1, tradesInCooldown: 1 });
  expect(report.earlyEnds).toEqual({ requested: 1, confirmed: 1, cancelled: 0, lapsed: 0, pnlWhileWaiting: '20.00' });
  expect(report.afterLoss90).toEqual({ sessions: 1, averagePnlAfter: '-10.00' });
  expect(report.afterWarnings.find((w) => w.kind === 'loss_50')).toMatchObject({
    sessions: 1,
    keptTrading: 1,
    averagePnlAfter: '-55.00',
    averageTradesAfter: '3.0',
  });

  const detail = await core.history.detail(first.id);
  expect(detail.afterWarnings.map((w) => [w.kind, w.tradesAfter, w.pnlAfter, w.minutesToEnd])).toEqual([
    ['loss_50', 3, '-55.00', 3],
    ['loss_75', 2, '-25.00', 2],
    ['loss_90', 1, '-10.00', 1],
  ]);
  await core.close();
});
