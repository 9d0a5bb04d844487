import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { nextOccurrence, occurrencesBetween, weekdayBits } from '../../src-main/schedules/occurrences.ts';
import { NO_RULES_INPUT } from '../../src-main/sessions/session-rules.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];

async function setup(start: string) {
  const clock = new ManualClock(start);
  const dataDir = tempDir();
  const core = await openCore({ dataDir, clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'America/New_York' });
  const [template] = await core.templates.save('NY open scalp', {
    durationMinutes: 60,
    lossLimit: { kind: 'amount', amount: '300.00' },
    rules: { ...NO_RULES_INPUT, trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 6 } },
  });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  return { core, clock, dataDir, template: template!, events };
}
const plan = (core: Core, templateId: number, autoStart = true) =>
  core.schedules.save({ templateId, weekdays: WEEKDAYS, start: '09:30', end: '11:30', timeZone: 'America/New_York', autoStart, enabled: true });
const sessions = (core: Core) => core.storage.read.selectFrom('TradingSession').selectAll().execute();

describe('occurrences', () => {
  test('09:30 New York is 09:30 on both sides of the DST change, on weekdays only', () => {
    const spec = { weekdays: weekdayBits(WEEKDAYS), startMinutes: 570, endMinutes: 690, timeZone: 'America/New_York' };
    const found = occurrencesBetween(spec, Date.parse('2026-03-05T00:00:00Z'), Date.parse('2026-03-10T00:00:00Z'));
    expect(found.map((o) => new Date(o.start).toISOString())).toEqual(['2026-03-05T14:30:00.000Z', '2026-03-06T14:30:00.000Z', '2026-03-09T13:30:00.000Z']);
    expect(found.map((o) => (o.end - o.start) / MINUTE_MS)).toEqual([120, 120, 120]);
    expect(new Date(nextOccurrence(spec, Date.parse('2026-03-06T15:00:00Z'))!.start).toISOString()).toBe('2026-03-09T13:30:00.000Z');
  });
});

describe('templates', () => {
  test('a setup is saved by name, checked like setup, replaced under the same name, and kept while a schedule uses it', async () => {
    const { core, template } = await setup('2026-03-02T13:00:00Z');
    expect(template).toMatchObject({
      name: 'NY open scalp',
      config: { durationMinutes: 60, rules: { trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 6 } } },
    });
    await expect(
      core.templates.save('Bad', {
        durationMinutes: 60,
        lossLimit: { kind: 'amount', amount: '300.00' },
        rules: { ...NO_RULES_INPUT, tradeCap: { trades: 0 } },
      }),
    ).rejects.toMatchObject({ fieldErrors: [expect.objectContaining({ field: 'rules.tradeCap.trades' })] });
    const replaced = await core.templates.save('NY open scalp', {
      durationMinutes: 240,
      lossLimit: { kind: 'percentage', percentage: '10' },
      rules: NO_RULES_INPUT,
    });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ id: template.id, config: { durationMinutes: 240 } });
    await plan(core, template.id);
    await expect(core.templates.remove(template.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    await core.close();
  });
});

describe('schedules', () => {
  test('reminds 5 minutes before, then creates and starts the template’s session at the planned time, lasting the window', async () => {
    // Monday 2026-03-02, 09:20 in New York.
    const { core, clock, template, events } = await setup('2026-03-02T14:20:00Z');
    const [schedule] = await plan(core, template.id);
    expect(schedule!.next).toEqual({ start: '2026-03-02T14:30:00.000Z', end: '2026-03-02T16:30:00.000Z' });
    await core.schedules.tick();
    expect(events).toEqual([]);
    clock.set('2026-03-02T14:25:00Z');
    await core.schedules.tick();
    await core.schedules.tick();
    expect(events.filter((e) => e.type === 'schedule')).toEqual([
      expect.objectContaining({ kind: 'reminder', message: expect.stringMatching(/starts at 09:30 \(America\/New_York\), in 5 minutes/) }),
    ]);
    clock.set('2026-03-02T14:30:02Z');
    await core.schedules.tick();
    const [session] = await sessions(core);
    expect(session).toMatchObject({ status: 'active', durationMinutes: 120, startTime: clock.now(), lossLimitAmount: 300_000_000 });
    expect(JSON.parse(session!.rules!)).toMatchObject({ trailingDrawdown: { amount: 150_000_000 }, tradeCap: { trades: 6 }, templateName: 'NY open scalp' });
    expect((await core.schedules.list())[0]!.recent).toEqual([expect.objectContaining({ outcome: 'started', sessionId: session!.id })]);
    await core.schedules.tick();
    expect(await sessions(core)).toHaveLength(1);
    await core.close();
  });

  test('times missed while the app was closed are shown, and never started late', async () => {
    const { core, clock, dataDir, template, events } = await setup('2026-03-02T12:00:00Z');
    await plan(core, template.id);
    await core.close();
    clock.set('2026-03-04T17:00:00Z');
    const reopened = await openCore({ dataDir, clock });
    reopened.bus.subscribe((e) => events.push(e));
    await reopened.schedules.tick();
    expect(await sessions(reopened)).toEqual([]);
    const [schedule] = await reopened.schedules.list();
    expect(schedule!.recent.map((o) => [o.outcome, o.plannedStart])).toEqual([
      ['missed', '2026-03-04T14:30:00.000Z'],
      ['missed', '2026-03-03T14:30:00.000Z'],
      ['missed', '2026-03-02T14:30:00.000Z'],
    ]);
    expect(events.filter((e) => e.type === 'schedule')).toEqual([
      expect.objectContaining({ kind: 'missed', message: expect.stringMatching(/not started late/) }),
    ]);
    await reopened.close();
  });

  test('a planned start that a running session or a lockout blocks is recorded as blocked, with why', async () => {
    const { core, clock, template, events } = await setup('2026-03-02T14:00:00Z');
    await plan(core, template.id, false);
    await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: true, start: true });
    clock.set('2026-03-02T14:30:00Z');
    await core.schedules.tick();
    const blocked = events.find((e) => e.type === 'schedule' && e.kind === 'blocked');
    expect(blocked?.type === 'schedule' && blocked.message).toMatch(/was not started: A session is already running/);
    expect(await sessions(core)).toHaveLength(1);
    await core.close();
  });
});
