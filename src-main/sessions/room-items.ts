import type { RoomLeftItem } from '../contract/views.ts';
import { bigBasisPointsToPercentString, bigToMicros, microsToMoneyString } from '../money/money.ts';
import { shareInBasisPoints } from '../money/rounding.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { compareFractions, ruleRoom, type Fraction, type LedgerState, type SessionRule } from './session-ledger.ts';

export interface RoomItems {
  items: RoomLeftItem[];
  /** When the cooldown running at `now` ends, or null. */
  cooldownUntil: number | null;
}

/**
 * The room each rule leaves at a ledger state, read off the ledger's own evaluators (nothing
 * here decides a rule), the most urgent first: a cooldown running at `now`, then the largest
 * share used, ties in the session's rule order. Integer arithmetic only: every session view
 * carries these, one per trade.
 */
export function roomItems(rules: readonly SessionRule[], state: LedgerState, now: number): RoomItems {
  const ranked = rules.map((rule, order) => {
    const room = ruleRoom(rule, state);
    const item: RoomLeftItem = {
      rule: rule.kind,
      measure: room.measure,
      unit: room.unit,
      left: room.unit === 'money' ? money(room.left) : room.left.toString(),
      usedPercentage: percent(room.used),
      floor: room.floor === null ? null : money(room.floor),
      until: null,
    };
    return { item, used: room.used, order };
  });
  ranked.sort((a, b) => compareFractions(b.used, a.used) || a.order - b.order);
  const items = ranked.map((r) => r.item);
  const streak = rules.find((rule) => rule.kind === 'losing_streak');
  const cooldownUntil = state.cooldownUntil !== null && state.cooldownUntil > now ? state.cooldownUntil : null;
  if (cooldownUntil !== null && streak) {
    const total = BigInt(streak.cooldownMinutes * MINUTE_MS);
    items.unshift({
      rule: 'cooldown',
      measure: 'cooldown_left',
      unit: 'time',
      left: String(Math.ceil((cooldownUntil - now) / MINUTE_MS)),
      usedPercentage: percent({ numerator: total - BigInt(cooldownUntil - now), denominator: total }),
      floor: null,
      until: new Date(cooldownUntil).toISOString(),
    });
  }
  return { items, cooldownUntil };
}

function money(micros: bigint): string {
  return microsToMoneyString(bigToMicros(micros));
}

function percent(share: Fraction): string {
  return bigBasisPointsToPercentString(shareInBasisPoints(share.numerator, share.denominator));
}
