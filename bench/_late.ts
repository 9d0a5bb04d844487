import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/app/core.ts';
import { Decimal } from '../src-main/money/money.ts';
const dir = mkdtempSync(join(tmpdir(), 'late-'));
const clock = { now: Date.parse('2026-03-02T14:00:00Z') };
const core = await openCore({ dataDir: dir, clock: { now: () => clock.now } });
await core.profiles.create({ name: 'Bench', currency: 'USD', balance: '1000000.00', timeZone: 'UTC' });
await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '30' }, acknowledgeRisk: true, start: true });
const start = clock.now;
clock.now += 60000;
let t = performance.now();
await core.trades.record(
  Array.from({ length: 100000 }, (_, i) => ({
    source: 'import' as const,
    externalId: `h${i}`,
    fees: new Decimal('0.62'),
    realizedPnl: new Decimal(i % 2 ? '1.25' : '-1'),
    closedAt: start + 1 + i,
  })),
);
console.log('seed', performance.now() - t);
clock.now = start + 200000;
for (let k = 0; k < 3; k++) {
  t = performance.now();
  await core.trades.record([{ source: 'import', externalId: `late${k}`, fees: new Decimal(0), realizedPnl: new Decimal('-1'), closedAt: start + 5 + k }]);
  console.log('late', performance.now() - t);
}
await core.close();
