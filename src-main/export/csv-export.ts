import Papa from 'papaparse';
import { AppError } from '../errors/app-error.ts';
import { basisPointsToPercentString, microsToMoneyString } from '../money/money.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import type { ProfileRow, ReadDb } from '../storage/tables.ts';
import { isoInZone } from '../time/zoned.ts';

export type CsvKind = 'sessions' | 'trades';

/** The active profile's sessions or trades as CSV; `signal` lets a caller that left drop it. */
export type CsvSource = (kind: CsvKind, signal?: AbortSignal) => Promise<string>;

export function csvSource(db: ReadDb): CsvSource {
  return async (kind) => {
    const profile = await findActiveProfile(db);
    if (!profile) throw new AppError('no_profile', 'Create a profile first.');
    return kind === 'sessions' ? sessionsCsv(db, profile) : tradesCsv(db, profile);
  };
}

/**
 * CSV exports a spreadsheet or another journal can read: money as exact decimal strings in
 * the account currency, instants as ISO 8601 with the profile zone's offset.
 */
export async function sessionsCsv(db: ReadDb, profile: ProfileRow): Promise<string> {
  const rows = await db.selectFrom('TradingSession').selectAll().where('userId', '=', profile.id).orderBy('createdAt').orderBy('id').execute();
  const time = (ms: number | null) => (ms === null ? '' : isoInZone(ms, profile.timeZone));
  return Papa.unparse({
    fields: ['id', 'status', 'terminationReason', 'durationMinutes', 'createdAt', 'startTime', 'plannedEndTime', 'endTime', 'actualDurationMinutes', 'currency', 'balanceAtCreation', 'lossLimitAmount', 'lossLimitPercentage', 'totalTrades', 'winningTrades', 'losingTrades', 'realizedPnl', 'sessionPerformancePercentage'],
    data: rows.map((r) => [
      r.id,
      r.status,
      r.terminationReason ?? '',
      r.durationMinutes,
      time(r.createdAt),
      time(r.startTime),
      time(r.plannedEndTime),
      time(r.endTime),
      r.actualDurationMinutes ?? '',
      profile.currency,
      microsToMoneyString(r.balanceAtCreation),
      microsToMoneyString(r.lossLimitAmount),
      basisPointsToPercentString(r.lossLimitPercentage),
      r.totalTrades,
      r.winningTrades,
      r.losingTrades,
      microsToMoneyString(r.realizedPnl),
      r.sessionPerformancePercentage === null ? '' : basisPointsToPercentString(r.sessionPerformancePercentage),
    ]),
  });
}

export async function tradesCsv(db: ReadDb, profile: ProfileRow): Promise<string> {
  const rows = await db.selectFrom('trade').selectAll().where('userId', '=', profile.id).orderBy('closedAt').orderBy('id').execute();
  return Papa.unparse({
    fields: ['id', 'sessionId', 'source', 'externalId', 'account', 'symbol', 'side', 'quantity', 'entryPrice', 'exitPrice', 'pointValue', 'currency', 'fees', 'realizedPnl', 'openedAt', 'closedAt', 'note', 'voidedAt', 'voidReason', 'importBatchId'],
    data: rows.map((r) => [
      r.id,
      r.sessionId ?? '',
      r.source,
      r.externalId ?? '',
      r.account ?? '',
      r.symbol ?? '',
      r.side ?? '',
      r.quantity ?? '',
      r.entryPrice ?? '',
      r.exitPrice ?? '',
      r.pointValue ?? '',
      profile.currency,
      microsToMoneyString(r.fees),
      microsToMoneyString(r.realizedPnl),
      r.openedAt === null ? '' : isoInZone(r.openedAt, profile.timeZone),
      isoInZone(r.closedAt, profile.timeZone),
      r.note ?? '',
      r.voidedAt === null ? '' : isoInZone(r.voidedAt, profile.timeZone),
      r.voidReason ?? '',
      r.batchId ?? '',
    ]),
  });
}
