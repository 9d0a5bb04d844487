import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src-main/app/core.ts';
import { Decimal } from '../src-main/money/money.ts';
import type { TradeInput } from '../src-main/trades/trade-recording.ts';
import { MINUTE_MS } from '../src-main/time/clock.ts';
import { percentile, timed, type BenchRow } from './bench-table.ts';

const HELD = 100_000;
const MEASURED = 1500;
const WARM_UP = 300;

/**
 * Issue 11: the session ledger keeps running state, so recording a trade that closes after
 * every recorded one costs the same whether the session holds nothing or 100,000 trades.
 * Both sessions are measured in the same run, in alternation, so the machine's noise is shared.
 */
export async function ledgerBench(log: (line: string) => void): Promise<BenchRow[]> {
  const empty = await activeSession();
  const full = await activeSession();
  try {
    log(`seeding a session with ${HELD} trades through the recording path…`);
    const start = full.clock.now;
    const held: TradeInput[] = Array.from({ length: HELD }, (_, i) => ({
      source: 'import',
      externalId: `held-${i}`,
      fees: new Decimal('0.62'),
      realizedPnl: new Decimal(i % 2 === 0 ? '1.25' : '-1.00'),
      closedAt: start + 1 + i,
    }));
    await full.core.trades.record(held);
    full.clock.now = start + HELD + 10;
    await full.core.storage.checkpoint();

    const times = { empty: [] as number[], full: [] as number[] };
    for (let i = 0; i < WARM_UP + MEASURED; i += 1) {
      for (const [name, target] of [
        ['empty', empty],
        ['full', full],
      ] as const) {
        target.clock.now += 1000;
        const ms = await timed(() =>
          target.core.trades.record([
            {
              source: 'feed',
              externalId: `live-${i}`,
              fees: new Decimal('0.62'),
              realizedPnl: new Decimal(i % 2 === 0 ? '0.50' : '-0.25'),
              closedAt: target.clock.now,
            },
          ]),
        );
        if (i >= WARM_UP) times[name].push(ms);
        if (i % 250 === 249) await target.core.storage.checkpoint();
      }
    }
    const late = await timed(() =>
      full.core.trades.record([{ source: 'import', externalId: 'late-1', fees: new Decimal(0), realizedPnl: new Decimal('-1.00'), closedAt: start + 5 }]),
    );
    const ratio50 = percentile(times.full, 50) / percentile(times.empty, 50);
    const ratio99 = percentile(times.full, 99) / percentile(times.empty, 99);
    return [
      {
        metric: `record a trade, session holding ${HELD.toLocaleString('en-US')} trades / empty session, p50`,
        value: ratio50,
        unit: 'x',
        target: '<= 1.5',
        ok: ratio50 <= 1.5,
      },
      {
        metric: `record a trade, session holding ${HELD.toLocaleString('en-US')} trades / empty session, p99`,
        value: ratio99,
        unit: 'x',
        target: '<= 1.5',
        ok: ratio99 <= 1.5,
      },
      {
        metric: `a late trade closing before ${HELD.toLocaleString('en-US')} recorded ones (replays the session), once`,
        value: late,
        unit: 'ms',
        target: 'informational',
        ok: true,
      },
    ];
  } finally {
    for (const target of [empty, full]) {
      await target.core.close();
      rmSync(target.dir, { recursive: true, force: true });
    }
  }
}

async function activeSession(): Promise<{ core: Core; clock: { now: number }; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sessionguard-ledger-bench-'));
  const clock = { now: Date.parse('2026-03-02T14:00:00Z') };
  const core = await openCore({ dataDir: dir, clock: { now: () => clock.now } });
  await core.profiles.create({ name: 'Bench', currency: 'USD', balance: '1000000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '30' }, acknowledgeRisk: true, start: true });
  clock.now += MINUTE_MS;
  return { core, clock, dir };
}
