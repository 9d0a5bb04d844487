import type { ParsedRequestOf } from '../contract/channels.ts';
import type { RecordTradeOutcome, TradePreview, TradeView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { Decimal, fromMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage } from '../money/rounding.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { findOpenSession, findSession, rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import { requiredPointValue } from './manual-point-value.ts';
import { pnlFromPrices } from './trade-math.ts';
import { recordTrades, type RecordingResult, type TradeInput } from './trade-recording.ts';
import { listTradesOfSession, rowToTrade } from './trade-repository.ts';

export type ManualTradeEntry = ParsedRequestOf<'recordTrade'>;

/** Trades entered by hand, plus the shared entry point imports and the feed record through. */
export class TradeService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
  }

  /**
   * Records trades of the current profile from any source, in one transaction, and announces
   * them. When they can't be saved (a full disk, a read-only file) and they take the running
   * session past its limit, the breach is still announced: the trader must stop either way.
   */
  async record(inputs: readonly TradeInput[]): Promise<RecordingResult> {
    let result: RecordingResult;
    try {
      result = await this.deps.storage.write(async (tx) => {
        const profile = await findActiveProfile(tx);
        if (!profile) throw new AppError('no_profile', 'Create a profile first.');
        return recordTrades(tx, profile, inputs, this.deps.clock.now());
      });
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('storage')) await this.alertUnsavedBreach(inputs).catch(() => undefined);
      throw error;
    }
    this.deps.bus.emitAll(result.events);
    return result;
  }

  private async alertUnsavedBreach(inputs: readonly TradeInput[]): Promise<void> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    const session = profile ? await findOpenSession(db, profile.id) : undefined;
    if (!session || session.status !== 'active') return;
    const limit = fromMicros(session.lossLimitAmount).negated();
    let running = fromMicros(session.realizedPnl);
    for (const input of [...inputs].sort((a, b) => a.closedAt - b.closedAt)) {
      if (input.closedAt < session.startTime!) continue;
      running = running.plus(input.realizedPnl);
      if (running.lessThanOrEqualTo(limit)) {
        this.deps.bus.emit({ type: 'breach', session: rowToSession(session), message: `Loss limit reached (${toMoneyString(running)}), but Sessionguard could not save the trades: stop trading now, then free disk space so it can record them.` });
        return;
      }
    }
  }

  async recordManual(entry: ManualTradeEntry): Promise<RecordTradeOutcome> {
    const input = manualToInput(entry, this.deps.clock.now());
    const result = await this.record([input]);
    const trade = result.trades[0];
    if (!trade) throw new AppError('internal', 'The trade was not recorded.');
    const session = result.sessions[0];
    return {
      trade: rowToTrade(trade),
      session: session ? rowToSession(session) : null,
      warnings: result.warnings,
      breached: result.breached,
    };
  }

  /** What saving this entry would do, computed exactly here so the renderer does no arithmetic. */
  async preview(entry: ManualTradeEntry): Promise<TradePreview> {
    const input = manualToInput(entry, this.deps.clock.now());
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    const session = profile ? await findOpenSession(db, profile.id) : undefined;
    const gross = input.realizedPnl.plus(input.fees);
    if (!session || session.status !== 'active') {
      return { realizedPnl: toMoneyString(input.realizedPnl), fees: toMoneyString(input.fees), grossPnl: toMoneyString(gross), sessionPnlAfter: null, lossLimitUsedAfter: null, wouldBreach: false };
    }
    const after = fromMicros(session.realizedPnl).plus(input.realizedPnl);
    const limit = fromMicros(session.lossLimitAmount);
    const used = after.isNegative() ? after.negated().dividedBy(limit).times(100) : new Decimal(0);
    return {
      realizedPnl: toMoneyString(input.realizedPnl),
      fees: toMoneyString(input.fees),
      grossPnl: toMoneyString(gross),
      sessionPnlAfter: toMoneyString(after),
      lossLimitUsedAfter: toPercentString(roundPercentage(used)),
      wouldBreach: after.lessThanOrEqualTo(limit.negated()),
    };
  }

  async listSessionTrades(sessionId: number): Promise<TradeView[]> {
    const db = this.deps.storage.read;
    const profile = await requireProfile(db);
    const session = await findSession(db, sessionId);
    if (!session || session.userId !== profile.id) throw new AppError('not_found', `Session ${sessionId} does not exist.`);
    return (await listTradesOfSession(db, sessionId)).map(rowToTrade).reverse();
  }
}

async function requireProfile(db: Storage['read']): Promise<ProfileRow> {
  const profile = await findActiveProfile(db);
  if (!profile) throw new AppError('no_profile', 'Create a profile first.');
  return profile;
}

/** A hand-entered trade as the recording path takes it; P&L-only entries are taken as net. */
export function manualToInput(entry: ManualTradeEntry, now: number): TradeInput {
  const fees = new Decimal(entry.fees ?? '0');
  if (fees.isNegative()) throw new AppError('validation', 'Fees can’t be negative.', { field: 'fees', fieldErrors: [{ field: 'fees', code: 'negative_fees', message: 'Fees can’t be negative.' }] });
  const closedAt = entry.closedAt === undefined ? now : Date.parse(entry.closedAt);
  const note = entry.note?.trim() || null;
  if (entry.kind === 'pnl') {
    return { source: 'manual', symbol: entry.symbol?.trim().toUpperCase() || null, fees, realizedPnl: new Decimal(entry.pnl), closedAt, note };
  }
  const quantity = new Decimal(entry.quantity);
  const pointValue = new Decimal(requiredPointValue(entry));
  const problems = [
    ...(quantity.lessThanOrEqualTo(0) ? [{ field: 'quantity', code: 'invalid_quantity', message: 'Quantity must be more than 0.' }] : []),
    ...(pointValue.lessThanOrEqualTo(0) ? [{ field: 'pointValue', code: 'invalid_point_value', message: 'Point value must be more than 0.' }] : []),
    ...(new Decimal(entry.entryPrice).isNegative() ? [{ field: 'entryPrice', code: 'invalid_price', message: 'The entry price can’t be negative.' }] : []),
    ...(new Decimal(entry.exitPrice).isNegative() ? [{ field: 'exitPrice', code: 'invalid_price', message: 'The exit price can’t be negative.' }] : []),
  ];
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { field: problems[0]!.field, fieldErrors: problems });
  const { net } = pnlFromPrices({ side: entry.side, quantity, entryPrice: new Decimal(entry.entryPrice), exitPrice: new Decimal(entry.exitPrice), pointValue, fees });
  return {
    source: 'manual',
    symbol: entry.symbol.trim().toUpperCase(),
    side: entry.side,
    quantity: quantity.toString(),
    entryPrice: entry.entryPrice,
    exitPrice: entry.exitPrice,
    pointValue: pointValue.toString(),
    fees,
    realizedPnl: net,
    closedAt,
    note,
  };
}
