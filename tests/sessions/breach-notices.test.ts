import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

test('the breach notice stays until acknowledged, across a restart, and the acknowledgement is an event of the session (issue 16, banners)', async () => {
  const dataDir = tempDir();
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  let core = await openCore({ dataDir, clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  expect(await core.notices.current()).toBeNull();
  const s = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  clock.advance(MINUTE_MS);
  await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-150.00'), closedAt: clock.now() }]);
  expect(await core.notices.current()).toMatchObject({
    session: { id: s.id, terminationReason: 'loss_limit' },
    message: 'Session P&L -$150.00 against a loss limit of $100.00. The session is stopped: stop trading.',
  });

  await core.close();
  core = await openCore({ dataDir, clock });
  expect((await core.notices.current())?.session.id).toBe(s.id);
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  await core.notices.acknowledge(s.id);
  await core.notices.acknowledge(s.id);
  expect(events).toEqual([{ type: 'breach_acknowledged', sessionId: s.id }]);
  expect(await core.notices.current()).toBeNull();
  const types = (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', s.id).execute()).map((e) => e.type);
  expect(types.filter((t) => t === 'breach_acknowledged')).toHaveLength(1);

  await core.close();
  core = await openCore({ dataDir, clock });
  expect(await core.notices.current()).toBeNull();
  await expect(core.notices.acknowledge(999)).rejects.toMatchObject({ code: 'not_found' });
  await core.close();
});
