import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { tempDir } from '../support/temp-storage.ts';

const create = { durationMinutes: 60, lossLimit: { kind: 'percentage' as const, percentage: '10' }, acknowledgeRisk: false, start: true };

test('two connections: with a session open through one, the other can\'t add a second, even bypassing the service', async () => {
  const dataDir = tempDir();
  const a = await openCore({ dataDir });
  await a.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const b = await openCore({ dataDir });
  await a.sessions.create(create);
  await expect(b.sessions.create(create)).rejects.toMatchObject({ code: 'session_open' });
  const raw = b.storage.write((tx) =>
    tx.insertInto('TradingSession').values({ userId: 1, durationMinutes: 60, lossLimitAmount: 1, lossLimitPercentage: 1, balanceAtCreation: 1, status: 'pending', startTime: null, plannedEndTime: null, endTime: null, actualDurationMinutes: null, sessionPerformancePercentage: null, terminationReason: null, lockoutUntil: null, createdAt: 0, updatedAt: 0 }).execute(),
  );
  await expect(raw).rejects.toThrow(/UNIQUE/);
  await a.close();
  await b.close();
});

test('two processes racing to create a session: the database lets exactly one through', async () => {
  const dataDir = tempDir();
  const core = await openCore({ dataDir });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  await core.close();
  const script = join(dataDir, 'racer.ts');
  writeFileSync(
    script,
    `import { openCore } from ${JSON.stringify(join(import.meta.dirname, '..', '..', 'src-main', 'app', 'core.ts'))};
const core = await openCore({ dataDir: ${JSON.stringify(dataDir)} });
const go = Date.now() + 300; while (Date.now() < go) {}
try { await core.sessions.create(${JSON.stringify(create)}); console.log('created'); } catch (e) { console.log(e.code); }
await core.close();`,
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
