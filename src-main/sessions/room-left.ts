import type { RoomLeftItem } from '../contract/views.ts';
import { bigToDecimal, Decimal, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage } from '../money/rounding.ts';
import type { ReadDb, SessionRow } from '../storage/tables.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { tradingDayAt } from '../time/trading-day.ts';
import { ledgerTradesOfSession } from '../trades/trade-repository.ts';
import { dayPnlOf, ledgerContext } from './ledger-context.ts';
import { storedLedgerState } from './ledger-state.ts';
import { compareFractions, EMPTY_LEDGER, ruleRoom, runLedger, type Fraction, type LedgerState, type SessionRule } from './session-ledger.ts';
import { rulesOf } from './stored-rules.ts';

export interface RoomLeft {
  items: RoomLeftItem[];
  /** When the running cooldown ends, or null. */
  cooldownUntil: number | null;
}

/**
 * The room each rule in force leaves a session at `now`, read off the ledger's own evaluators
 * (nothing here decides a rule), the most urgent first: a running cooldown, then the largest
 * share used, ties in the session's rule order. The daily loss limit reads today's trading day,
 * which may have begun since the session's last trade.
 */
export async function roomLeftOf(db: ReadDb, session: SessionRow, now: number): Promise<RoomLeft> {
  const rules = rulesOf(session);
  const state = await currentState(db, session);
  const ranked: Array<{ item: RoomLeftItem; used: Fraction; order: number }> = [];
  for (const [order, rule] of rules.entries()) {
    const at = rule.kind === 'daily_loss_limit' ? await today(db, session, rule, state, now) : state;
    const room = ruleRoom(rule, at);
    ranked.push({
      order,
      used: room.used,
      item: {
        rule: rule.kind,
        measure: room.measure,
        unit: room.unit,
        left: room.unit === 'money' ? money(room.left) : room.left.toString(),
        usedPercentage: percent(room.used),
        floor: room.floor === null ? null : money(room.floor),
        until: null,
      },
    });
  }
  ranked.sort((a, b) => compareFractions(b.used, a.used) || a.order - b.order);
  const items = ranked.map((r) => r.item);
  const cooldownUntil = state.cooldownUntil !== null && state.cooldownUntil > now ? state.cooldownUntil : null;
  const streak = rules.find((rule) => rule.kind === 'losing_streak');
  if (cooldownUntil !== null && streak) {
    const total = BigInt(streak.cooldownMinutes * MINUTE_MS);
    const left = BigInt(cooldownUntil - now);
    items.unshift({ rule: 'cooldown', measure: 'cooldown_left', unit: 'time', left: String(Math.ceil((cooldownUntil - now) / MINUTE_MS)), usedPercentage: percent({ numerator: total - left, denominator: total }), floor: null, until: new Date(cooldownUntil).toISOString() });
  }
  return { items, cooldownUntil };
}

/** The state after the session's last trade: stored, or rebuilt once for a session recorded before the ledger kept it. */
async function currentState(db: ReadDb, session: SessionRow): Promise<LedgerState> {
  const stored = storedLedgerState(session);
  if (stored !== null) return stored;
  const trades = await ledgerTradesOfSession(db, session.id);
  return runLedger({ ...(await ledgerContext(db, session, trades)), from: EMPTY_LEDGER, trades, raised: new Set(), canStop: true, record: 'none' }).state;
}

async function today(db: ReadDb, session: SessionRow, rule: Extract<SessionRule, { kind: 'daily_loss_limit' }>, state: LedgerState, now: number): Promise<LedgerState> {
  const day = tradingDayAt(now, rule.boundary);
  const own = state.day !== null && state.day.start === day.start ? state.day.pnl : 0n;
  return { ...state, day: { start: day.start, pnl: own, others: await dayPnlOf(db, session.userId, day, session.id) } };
}

function money(micros: bigint): string {
  return toMoneyString(bigToDecimal(micros));
}

function percent(share: Fraction): string {
  return toPercentString(roundPercentage(new Decimal(share.numerator.toString()).times(100).dividedBy(share.denominator.toString())));
}
