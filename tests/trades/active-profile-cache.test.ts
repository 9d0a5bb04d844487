import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { DATABASE_FILE, openCore } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { ActiveProfileCache } from '../../src-main/profiles/active-profile.ts';
import { updateProfileRow } from '../../src-main/profiles/profile-repository.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

/**
 * The recording path keeps the active profile in memory between trades (issue 15); whatever
 * changes the profile, the very next trade must be recorded under the profile as it is now.
 */
async function setup() {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const dataDir = tempDir();
  const core = await openCore({ dataDir, clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  let n = 0;
  const record = (pnl: string) => {
    clock.advance(MINUTE_MS);
    n += 1;
    return core.trades.record([{ source: 'feed', externalId: `t${n}`, fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() }]);
  };
  const breachMessage = () => events.findLast((e) => e.type === 'breach')!;
  return { core, clock, dataDir, events, record, breachMessage };
}

const SESSION = { durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: false, start: true } as const;

describe('the active profile kept by the recording path and session creation', () => {
  test('a Settings change made between two trades applies to the second: the lockout length and the currency of the stop message', async () => {
    const { core, clock, record, breachMessage } = await setup();
    await core.sessions.create(SESSION);
    await record('-10.00');
    await core.profiles.update({ lockoutMinutes: 5, currency: 'EUR' });
    const stopped = (await record('-95.00')).sessions[0]!;
    expect(stopped.status).toBe('stopped');
    expect(stopped.lockoutUntil).toBe(clock.now() + 5 * MINUTE_MS);
    expect(breachMessage()).toMatchObject({ type: 'breach', message: expect.stringContaining('€') });
    await core.close();
  });

  test('choosing another profile sends the next trade to that profile, not to the session of the one before', async () => {
    const { core, record } = await setup();
    const first = await core.sessions.create(SESSION);
    await record('-10.00');
    const other = await core.profiles.create({ name: 'Bob', currency: 'USD', balance: '5000.00', timeZone: 'UTC' });
    const [trade] = (await record('-20.00')).trades;
    expect(trade).toMatchObject({ userId: other.id, sessionId: null });
    expect(await core.storage.read.selectFrom('TradingSession').select('totalTrades').where('id', '=', first.id).executeTakeFirstOrThrow()).toEqual({
      totalTrades: 1,
    });
    await core.close();
  });

  test('a balance moved by an ended session is the balance the next session is created with', async () => {
    const { core, record } = await setup();
    const first = await core.sessions.create(SESSION);
    await record('250.00');
    await core.sessions.stop(first.id);
    const next = await core.sessions.create(SESSION);
    expect(next.balanceAtCreation).toBe('1250.00');
    await core.close();
  });

  test('a profile read inside a transaction that was then rolled back is read again', async () => {
    const { core, clock } = await setup();
    const cache = new ActiveProfileCache(core.storage);
    const profileId = (await cache.current(core.storage.read)).id;
    await expect(
      core.storage.write(async (tx) => {
        await updateProfileRow(tx, profileId, { lockoutMinutes: 5 }, clock.now());
        expect((await cache.current(tx)).lockoutMinutes).toBe(5);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await cache.current(core.storage.read)).lockoutMinutes).toBeNull();
    await core.close();
  });

  test('a change written by another connection to the file is seen too', async () => {
    const { core, dataDir, record, breachMessage } = await setup();
    await core.sessions.create(SESSION);
    await record('-10.00');
    const other = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    other.prepare("UPDATE profile SET currency = 'GBP'").run();
    other.close();
    await record('-95.00');
    expect(breachMessage()).toMatchObject({ message: expect.stringContaining('£') });
    await core.close();
  });
});
