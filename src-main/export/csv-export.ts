import Papa from 'papaparse';
import { basisPointsToPercentString, microsToMoneyString } from '../money/money.ts';
import type { ProfileRow, ReadDb } from '../storage/tables.ts';
import { isoInZone } from '../time/zoned.ts';

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
