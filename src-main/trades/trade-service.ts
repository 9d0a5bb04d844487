import type { ParsedRequestOf } from '../contract/channels.ts';
import { REASON_LABELS, type CorrectionResult, type RecordTradeOutcome, type TradePreview, type TradeView } from '../contract/views.ts';
import { AppError, isStorageFailure } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { bigToMoneyString, Decimal, toMoneyString } from '../money/money.ts';
import { ActiveProfileCache } from '../profiles/active-profile.ts';
import { requireActiveProfile, findActiveProfile } from '../profiles/profile-repository.ts';
import { ruleUsedPercent } from '../sessions/ledger-view.ts';
import { rulesOf } from '../sessions/ledger-state.ts';
import { requireSessionOf, rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import { planRecording } from './recording-plan.ts';
import { requiredPointValue } from './manual-point-value.ts';
import { pnlFromPrices } from './trade-math.ts';
import { recordTrades, type RecordingResult, type TradeInput } from './trade-recording.ts';
import { listTradesOfSession, rowToTrade } from './trade-repository.ts';
import { voidTrades } from './trade-voiding.ts';

export type ManualTradeEntry = ParsedRequestOf<'recordTrade'>;

/** Trades entered by hand, plus the shared entry point imports and the feed record through. */
export class TradeService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };
  private readonly profile: ActiveProfileCache;

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
    this.profile = new ActiveProfileCache(deps.storage);
  }

  /**
   * Records trades of the current profile from any source, in one transaction, and announces
   * them. When they can't be saved (a full disk, a read-only, locked or damaged file) and they
   * take the running session past its limit, the breach is still announced: the trader must
   * stop either way.
   */
  async record(inputs: readonly TradeInput[]): Promise<RecordingResult> {
    let result: RecordingResult;
    try {
      result = await this.deps.storage.write(async (tx) => recordTrades(tx, await this.profile.current(tx), inputs, this.deps.clock.now()));
    } catch (error) {
      if (isStorageFailure(error)) await this.alertUnsavedBreach(inputs).catch(() => undefined);
      throw error;
    }
    this.deps.bus.emitAll(result.events);
    return result;
  }

  /** The same plan the recording would have written, read only, to tell the trader what a lost write would have done. */
  private async alertUnsavedBreach(inputs: readonly TradeInput[]): Promise<void> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    if (!profile) return;
    const plan = await planRecording(db, profile, inputs, this.deps.clock.now());
    for (const { session, outcome } of plan.sessions) {
      if (!outcome.stop) continue;
      const pnl = bigToMoneyString(outcome.stop.at.state.pnl);
      this.deps.bus.emit({
        type: 'breach',
        reason: outcome.stop.reason,
        session: rowToSession(session),
        message: `${REASON_LABELS[outcome.stop.reason]} reached (P&L ${pnl}), but Sessionguard could not save the trades: stop trading now, then fix what stops it saving (disk space, a locked or damaged file) so it can record them.`,
      });
      return;
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

  /** What saving this entry would do: the recording's own plan, computed on the read handle. */
  async preview(entry: ManualTradeEntry): Promise<TradePreview> {
    const input = manualToInput(entry, this.deps.clock.now());
    const db = this.deps.storage.read;
    const profile = await this.profile.current(db);
    const plan = await planRecording(db, profile, [input], this.deps.clock.now());
    const gross = input.realizedPnl.plus(input.fees);
    const base = { realizedPnl: toMoneyString(input.realizedPnl), fees: toMoneyString(input.fees), grossPnl: toMoneyString(gross) };
    const target = plan.sessions[0];
    if (target?.session.status !== 'active') return { ...base, sessionPnlAfter: null, lossLimitUsedAfter: null, wouldBreach: false };
    const limit = rulesOf(target.session)[0]!;
    return {
      ...base,
      sessionPnlAfter: bigToMoneyString(target.outcome.state.pnl),
      lossLimitUsedAfter: ruleUsedPercent(limit, target.outcome.state),
      wouldBreach: target.outcome.stop !== null,
    };
  }

  /** Takes a wrong trade out of the record's figures, with a reason; it stays visible as voided. */
  async voidTrade(tradeId: number, reason: string): Promise<CorrectionResult> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const voided = await voidTrades(tx, profile, [tradeId], reason, this.deps.clock.now());
      if (voided.voided.length === 0) throw new AppError('invalid_transition', `Trade ${tradeId} was already voided.`);
      return voided;
    });
    this.deps.bus.emitAll(outcome.events);
    return { voided: outcome.voided.length, recorded: null, sessions: outcome.sessions.map(rowToSession), breached: outcome.breached };
  }

  /**
   * A correction is a void plus a new trade, in one transaction: the new one is entered by hand,
   * closes when the original did unless the entry says otherwise, and belongs to the original's session.
   */
  async correctTrade(tradeId: number, reason: string, entry: ManualTradeEntry): Promise<CorrectionResult> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const now = this.deps.clock.now();
      const original = await tx.selectFrom('trade').selectAll().where('id', '=', tradeId).where('userId', '=', profile.id).executeTakeFirst();
      if (!original) throw new AppError('not_found', `Trade ${tradeId} does not exist.`);
      if (original.voidedAt !== null) throw new AppError('invalid_transition', `Trade ${tradeId} was already voided; correct the trade that replaced it.`);
      const voided = await voidTrades(tx, profile, [tradeId], reason, now);
      const input = {
        ...manualToInput({ ...entry, closedAt: entry.closedAt ?? new Date(original.closedAt).toISOString() }, now),
        sessionId: original.sessionId,
        note: entry.note?.trim() || `Correction of trade ${tradeId}: ${reason}`,
      };
      const recorded = await recordTrades(tx, profile, [input], now);
      return { voided, recorded };
    });
    this.deps.bus.emitAll([...outcome.voided.events, ...outcome.recorded.events]);
    const sessions = new Map([...outcome.voided.sessions, ...outcome.recorded.sessions].map((row) => [row.id, rowToSession(row)]));
    return {
      voided: outcome.voided.voided.length,
      recorded: outcome.recorded.trades[0] ? rowToTrade(outcome.recorded.trades[0]) : null,
      sessions: [...sessions.values()],
      breached: outcome.voided.breached || outcome.recorded.breached,
    };
  }

  async listSessionTrades(sessionId: number): Promise<TradeView[]> {
    const db = this.deps.storage.read;
    const profile = await requireActiveProfile(db);
    await requireSessionOf(db, profile.id, sessionId);
    return (await listTradesOfSession(db, sessionId)).map(rowToTrade).reverse();
  }
}

/** A hand-entered trade as the recording path takes it; P&L-only entries are taken as net. */
export function manualToInput(entry: ManualTradeEntry, now: number): TradeInput {
  const fees = new Decimal(entry.fees ?? '0');
  if (fees.isNegative())
    throw new AppError('validation', 'Fees can’t be negative.', {
      field: 'fees',
      fieldErrors: [{ field: 'fees', code: 'negative_fees', message: 'Fees can’t be negative.' }],
    });
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
  const { net } = pnlFromPrices({
    side: entry.side,
    quantity,
    entryPrice: new Decimal(entry.entryPrice),
    exitPrice: new Decimal(entry.exitPrice),
    pointValue,
    fees,
  });
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
