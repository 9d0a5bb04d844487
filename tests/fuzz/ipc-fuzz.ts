import fc from 'fast-check';
import { channelNames, type ChannelName } from '../../src-main/contract/channels.ts';
import type { Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { FOREIGN_CHANNELS, payloadsFor } from './ipc-payloads.ts';

export interface IpcFuzzReport {
  payloads: number;
  /** Calls that threw or rejected instead of answering with a Result. */
  crashes: string[];
  /** Refused calls after which the database had changed. */
  writes: string[];
  /** Refusals without a known code or a readable message. */
  untyped: string[];
  /** Generated payloads the schema accepted (valid by chance); these may write. */
  accepted: number;
}

const CODES = new Set([
  'bad_request',
  'validation',
  'not_found',
  'no_profile',
  'invalid_transition',
  'session_open',
  'lockout_active',
  'balance_too_low',
  'import_failed',
  'unauthorized',
  'not_sessionguard_database',
  'database_corrupt',
  'database_from_future',
]);

/** A profile, an ended session and an active one with trades, so ids 1 and 2 exist. */
export async function seedFuzzData(core: Core): Promise<void> {
  await core.profiles.create({ name: 'Fuzz', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  await core.profiles.update({ lockoutMinutes: 0 });
  const first = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: true, start: true });
  await core.trades.record([{ source: 'manual', realizedPnl: new Decimal('-40.00'), fees: new Decimal(0), closedAt: core.clock.now() }]);
  await core.sessions.stop(first.id);
  await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'percentage', percentage: '20' }, acknowledgeRisk: true, start: true });
  await core.trades.record([{ source: 'manual', realizedPnl: new Decimal('12.50'), fees: new Decimal(0), closedAt: core.clock.now() }]);
}

const describe = (value: unknown) => {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text.slice(0, 160);
  } catch {
    return Object.prototype.toString.call(value);
  }
};

/**
 * Sends `perChannel` generated payloads to every channel (and some to names that are not
 * channels) through the same dispatcher both transports use, checking each answer is a typed
 * value and that a refusal changed no row (SQLite's total_changes on the app's connection).
 */
export async function fuzzIpc(core: Core, perChannel: number, seed: number): Promise<IpcFuzzReport> {
  const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
  const changes = core.storage.sqlite.prepare('select total_changes() as n').pluck();
  const report: IpcFuzzReport = { payloads: 0, crashes: [], writes: [], untyped: [], accepted: 0 };

  const send = async (channel: unknown, payload: unknown) => {
    report.payloads += 1;
    const before = changes.get() as number;
    let reply: Awaited<ReturnType<typeof dispatch>>;
    try {
      reply = await dispatch(channel, payload);
    } catch (error) {
      report.crashes.push(`${String(channel)} ${describe(payload)}: ${(error as Error).message}`);
      return;
    }
    if (reply.ok) {
      report.accepted += 1;
      return;
    }
    if (!CODES.has(reply.error.code) || typeof reply.error.message !== 'string' || reply.error.message.length === 0) {
      report.untyped.push(`${String(channel)} ${describe(payload)}: ${describe(reply.error)}`);
    }
    if ((changes.get() as number) !== before) report.writes.push(`${String(channel)} ${describe(payload)}: ${reply.error.code}`);
  };

  for (const [index, channel] of channelNames.entries()) {
    for (const payload of fc.sample(payloadsFor(channel as ChannelName), { numRuns: perChannel, seed: seed + index })) await send(channel, payload);
  }
  for (const channel of FOREIGN_CHANNELS) await send(channel, {});
  return report;
}
