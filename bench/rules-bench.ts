import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src-main/app/core.ts';
import { Decimal } from '../src-main/money/money.ts';
import { NO_RULES_INPUT } from '../src-main/sessions/session-rules.ts';
import { percentile, timed, type BenchRow } from './bench-table.ts';

const TRADES = 900;
const WARM_UP = 100;
const RATIO_TARGET = 1.2;

/**
 * Issue 13: recording one trade in a session carrying every rule (trailing drawdown, profit
 * target with a locked floor, trade cap, losing-streak cooldown, largest single loss, the
 * profile's daily loss limit) against a session with the loss limit alone, in the same run:
 * two databases, one trade to each in turn, so both see the same machine.
 */
export async function rulesBench(log: (line: string) => void): Promise<BenchRow[]> {
  const dirs = [mkdtempSync(join(tmpdir(), 'sessionguard-bench-limit-')), mkdtempSync(join(tmpdir(), 'sessionguard-bench-rules-'))];
  let now = Date.parse('2026-03-02T14:00:00Z');
  const clock = { now: () => now };
  const [alone, all] = await Promise.all(dirs.map((dataDir) => openCore({ dataDir, clock })));
  try {
    for (const core of [alone!, all!]) {
      await core.profiles.create({ name: 'Bench', currency: 'USD', balance: '1000000.00', timeZone: 'America/New_York' });
      await core.profiles.update({
        lockoutMinutes: 0,
        applyPnlToBalance: false,
        ...(core === all && { dailyLossLimit: '90000.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago' }),
      });
    }
    const limit = { durationMinutes: 10080, lossLimit: { kind: 'percentage' as const, percentage: '10' }, acknowledgeRisk: false, start: true };
    await alone!.sessions.create(limit);
    await all!.sessions.create({
      ...limit,
      rules: {
        ...NO_RULES_INPUT,
        trailingDrawdown: { amount: '50000.00' },
        profitTarget: { amount: '80000.00', lockGivebackPercent: 50 },
        tradeCap: { trades: 1000 },
        losingStreak: { losses: 3, cooldownMinutes: 30, stop: false },
        largestLoss: { amount: '5000.00' },
        coolOffMinutes: 10,
      },
    });

    log(`rules: ${TRADES + WARM_UP} trades into each session, loss limit alone and every rule, in turn…`);
    const samples: [number[], number[]] = [[], []];
    const record = (core: Core, i: number) =>
      core.trades.record([
        { source: 'feed', externalId: `r${i}`, fees: new Decimal('0.62'), realizedPnl: new Decimal(i % 2 === 0 ? '12.5' : '-12.25'), closedAt: now },
      ]);
    for (let i = 0; i < TRADES + WARM_UP; i += 1) {
      now += 1000;
      // Which goes first alternates, so neither always pays for the other's cache misses.
      const order = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
      for (const which of order) {
        const ms = await timed(() => record(which === 0 ? alone! : all!, i));
        if (i >= WARM_UP) samples[which].push(ms);
      }
      if (i % 200 === 199) await Promise.all([alone!.storage.checkpoint(), all!.storage.checkpoint()]);
    }
    const [p50Alone, p50All] = [percentile(samples[0], 50), percentile(samples[1], 50)];
    const [p90Alone, p90All] = [percentile(samples[0], 90), percentile(samples[1], 90)];
    log(`rules: p50 ${p50Alone.toFixed(3)} ms alone, ${p50All.toFixed(3)} ms with every rule; p90 ${p90Alone.toFixed(3)} / ${p90All.toFixed(3)}`);
    return [
      {
        metric: 'record a trade, every rule active: p50 against the loss limit alone (same run)',
        value: p50All / p50Alone,
        unit: 'x',
        target: `<= ${RATIO_TARGET}`,
        ok: p50All / p50Alone <= RATIO_TARGET,
      },
      {
        metric: 'record a trade, every rule active: p90 against the loss limit alone (same run)',
        value: p90All / p90Alone,
        unit: 'x',
        target: `<= ${RATIO_TARGET}`,
        ok: p90All / p90Alone <= RATIO_TARGET,
      },
    ];
  } finally {
    await Promise.all([alone!.close(), all!.close()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
