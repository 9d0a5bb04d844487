import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DATABASE_FILE, openCore } from '../../src-main/app/core.ts';
import { EventBus } from '../../src-main/events/event-bus.ts';
import { SessionService } from '../../src-main/sessions/session-service.ts';
import { openStorage } from '../../src-main/storage/connection.ts';
import { systemClock } from '../../src-main/time/clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const create = { durationMinutes: 60, lossLimit: { kind: 'percentage' as const, percentage: '10' }, acknowledgeRisk: false, start: true };

// The app holds its data folder alone (tests/startup/data-folder-lock.test.ts); these open the
// database file twice below that lock, to show the one-open-session rule holds in the database itself.

test("two connections: with a session open through one, the other can't add a second, even bypassing the service", async () => {
  const dataDir = tempDir();
  const core = await openCore({ dataDir });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const other = await openStorage({ file: join(dataDir, DATABASE_FILE), now: Date.now() });
  const b = new SessionService({ storage: other, clock: systemClock, bus: new EventBus() });
  await core.sessions.create(create);
  await expect(b.create(create)).rejects.toMatchObject({ code: 'session_open' });
  const raw = other.write((tx) =>
    tx
      .insertInto('TradingSession')
      .values({
        userId: 1,
        durationMinutes: 60,
        lossLimitAmount: 1,
        lossLimitPercentage: 1,
        balanceAtCreation: 1,
        status: 'pending',
        startTime: null,
        plannedEndTime: null,
        endTime: null,
        actualDurationMinutes: null,
        sessionPerformancePercentage: null,
        terminationReason: null,
        lockoutUntil: null,
        createdAt: 0,
        updatedAt: 0,
      })
      .execute(),
  );
  await expect(raw).rejects.toThrow(/UNIQUE/);
  await other.close();
  await core.close();
});

test('two processes racing to create a session: the database lets exactly one through', async () => {
  const dataDir = tempDir();
  const core = await openCore({ dataDir });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  await core.close();
  const src = join(import.meta.dirname, '..', '..', 'src-main');
  const script = join(dataDir, 'racer.ts');
  writeFileSync(
    script,
    `import { openStorage } from ${JSON.stringify(join(src, 'storage', 'connection.ts'))};
import { SessionService } from ${JSON.stringify(join(src, 'sessions', 'session-service.ts'))};
import { EventBus } from ${JSON.stringify(join(src, 'events', 'event-bus.ts'))};
import { systemClock } from ${JSON.stringify(join(src, 'time', 'clock.ts'))};
const storage = await openStorage({ file: ${JSON.stringify(join(dataDir, DATABASE_FILE))}, now: Date.now(), busyTimeoutMs: 5000 });
const sessions = new SessionService({ storage, clock: systemClock, bus: new EventBus() });
const go = Date.now() + 300; while (Date.now() < go) {}
try { await sessions.create(${JSON.stringify(create)}); console.log('created'); } catch (e) { console.log(e.code); }
await storage.close();`,
  );
  const run = () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('exit', () => resolve(out.trim()));
    });
  const outcomes = await Promise.all([run(), run(), run()]);
  expect(outcomes.sort()).toEqual(['created', 'session_open', 'session_open']);
});
