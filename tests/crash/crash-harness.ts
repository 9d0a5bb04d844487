import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openCore } from '../../src-main/app/core.ts';
import { Decimal, fromMicros } from '../../src-main/money/money.ts';

const CHILD = join(import.meta.dirname, 'crash-child.ts');

export interface CrashReport {
  kills: number;
  sessions: number;
  breaches: number;
  acknowledged: number;
  lost: string[];
  doubled: string[];
  statisticsMismatches: string[];
  unstoppedBreaches: string[];
  integrity: string[];
}

/** Prepares a profile with an active session so the child records into it. */
export async function prepareCrashData(dataDir: string): Promise<void> {
  const core = await openCore({ dataDir });
  await core.profiles.create({ name: 'Crash', currency: 'USD', balance: '1000000.00', timeZone: 'UTC' });
  // No lockout, so the child can open a new session after each breach and keep crossing limits.
  await core.profiles.update({ lockoutMinutes: 0 });
  await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'amount', amount: '500.00' }, acknowledgeRisk: true, start: true });
  await core.close();
}

/** Runs the child, kills it with SIGKILL after `killAfterMs` of recording, and returns the ids it acknowledged. */
export function runAndKill(dataDir: string, seed: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself: ${stderr}`));
      else resolve(acknowledged);
    });
  });
}

/** Reopens through the app's own start-up and checks everything a trader relies on. */
export async function verifyAfterCrash(dataDir: string, acknowledged: readonly string[], report: CrashReport): Promise<void> {
  const core = await openCore({ dataDir });
  try {
    const db = core.storage.read;
    const rows = await db
      .selectFrom('trade')
      .select(['externalId'])
      .where('externalId', 'in', acknowledged.length > 0 ? [...acknowledged] : [''])
      .execute();
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.externalId!, (counts.get(row.externalId!) ?? 0) + 1);
    for (const id of acknowledged) {
      const n = counts.get(id) ?? 0;
      if (n === 0) report.lost.push(id);
      if (n > 1) report.doubled.push(id);
    }

    const sessions = await db.selectFrom('TradingSession').selectAll().execute();
    report.sessions = sessions.length;
    report.breaches = sessions.filter((s) => s.terminationReason === 'loss_limit').length;
    for (const session of sessions) {
      const trades = await db.selectFrom('trade').select(['realizedPnl']).where('sessionId', '=', session.id).orderBy('closedAt').orderBy('id').execute();
      let sum = new Decimal(0);
      let lowest = new Decimal(0);
      for (const t of trades) {
        sum = sum.plus(fromMicros(t.realizedPnl));
        lowest = Decimal.min(lowest, sum);
      }
      if (!sum.equals(fromMicros(session.realizedPnl)) || trades.length !== session.totalTrades) {
        report.statisticsMismatches.push(
          `session ${session.id}: row says ${session.totalTrades} trades, ${fromMicros(session.realizedPnl).toString()}; trades add up to ${trades.length}, ${sum.toString()}`,
        );
      }
      if (lowest.lessThanOrEqualTo(fromMicros(session.lossLimitAmount).negated()) && session.status === 'active') {
        report.unstoppedBreaches.push(`session ${session.id} reached ${lowest.toString()} but is still active`);
      }
    }
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    const verdict = integrity.rows.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok') report.integrity.push(verdict);
  } finally {
    await core.close();
  }
}

export async function crashCampaign(dataDir: string, kills: number, seed = 1): Promise<CrashReport> {
  const report: CrashReport = {
    kills: 0,
    sessions: 0,
    breaches: 0,
    acknowledged: 0,
    lost: [],
    doubled: [],
    statisticsMismatches: [],
    unstoppedBreaches: [],
    integrity: [],
  };
  await prepareCrashData(dataDir);
  let state = seed;
  for (let i = 0; i < kills; i += 1) {
    state = (state * 48271) % 2147483647;
    const acknowledged = await runAndKill(dataDir, seed * 100_000 + i, 5 + (state % 120));
    report.kills += 1;
    report.acknowledged += acknowledged.length;
    await verifyAfterCrash(dataDir, acknowledged, report);
  }
  return report;
}
