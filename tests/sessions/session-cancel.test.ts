import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

test('a pending session can be cancelled: it ends as expired (manual) with a cancelled event, and a new one can be created (issue 16, controls)', async () => {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  const pending = await core.sessions.create({
    durationMinutes: 60,
    lossLimit: { kind: 'percentage', percentage: '10' },
    acknowledgeRisk: false,
    start: false,
  });
  clock.advance(5 * MINUTE_MS);
  const cancelled = await core.sessions.cancel(pending.id);
  expect(cancelled).toMatchObject({ status: 'expired', terminationReason: 'manual', endTime: '2026-03-02T14:05:00.000Z', startTime: null });
  expect(events.at(-1)).toMatchObject({
    type: 'session_ended',
    session: { id: pending.id, status: 'expired' },
    message: 'The session was cancelled before it started.',
  });
  const types = (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', pending.id).orderBy('id').execute()).map(
    (e) => e.type,
  );
  expect(types).toEqual(['created', 'cancelled']);
  expect(await core.sessions.getActiveData()).toBeNull();

  await expect(core.sessions.cancel(pending.id)).rejects.toMatchObject({ code: 'invalid_transition' });
  const running = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  await expect(core.sessions.cancel(running.id)).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('stop it instead') });
  await core.close();
});
