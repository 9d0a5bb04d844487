import { z } from 'zod';
import type { DailyLossLimitView, SessionRulesInput, SessionRulesView } from '../contract/views.ts';
import { microsToMoneyString } from '../money/money.ts';
import type { SessionRow } from '../storage/tables.ts';
import type { SessionRule } from './session-ledger.ts';

/**
 * A session's rules as stored with it (`TradingSession.rules`), money in integer micros. The
 * setup's rules are written at creation, the profile's daily loss limit is added at start, and
 * from then on nothing changes them: `rulesOf` reads them back for every trade. A session from
 * before migration 5 has no JSON and carries the loss limit alone.
 */
const micros = z.number().int().positive().refine(Number.isSafeInteger);
const minutes = z.number().int().min(0).max(10_080);
const storedRules = z.object({
  trailingDrawdown: z.object({ amount: micros }).nullable().default(null),
  profitTarget: z
    .object({ amount: micros, lockGivebackPercent: z.number().int().min(1).max(100).nullable() })
    .nullable()
    .default(null),
  tradeCap: z
    .object({ trades: z.number().int().min(1) })
    .nullable()
    .default(null),
  losingStreak: z
    .object({ losses: z.number().int().min(1), cooldownMinutes: minutes, stop: z.boolean() })
    .nullable()
    .default(null),
  largestLoss: z.object({ amount: micros }).nullable().default(null),
  dailyLossLimit: z
    .object({ amount: micros, boundaryMinutes: z.number().int().min(0).max(1439), timeZone: z.string().min(1) })
    .nullable()
    .default(null),
  coolOffMinutes: minutes.default(0),
  templateName: z.string().nullable().default(null),
});

export type StoredRules = z.output<typeof storedRules>;
export type DailyLimitRule = NonNullable<StoredRules['dailyLossLimit']>;

export const NO_RULES: StoredRules = Object.freeze(storedRules.parse({}));

/** Parsed rules by their text: every trade reads its session's rules, and a session's text never changes once it runs. */
const parsedRules = new Map<string, StoredRules>();
const PARSED_KEPT = 64;

export function readStoredRules(session: Pick<SessionRow, 'rules'>): StoredRules {
  if (session.rules === null) return NO_RULES;
  const known = parsedRules.get(session.rules);
  if (known) return known;
  let json: unknown;
  try {
    json = JSON.parse(session.rules);
  } catch {
    return NO_RULES;
  }
  const parsed = storedRules.safeParse(json);
  const rules = parsed.success ? Object.freeze(parsed.data) : NO_RULES;
  if (parsedRules.size >= PARSED_KEPT) parsedRules.delete(parsedRules.keys().next().value!);
  parsedRules.set(session.rules, rules);
  return rules;
}

export function storedRulesJson(rules: StoredRules): string {
  return JSON.stringify(rules);
}

/**
 * The session's rules for the ledger, in the order that decides which reason ends a session
 * when one trade reaches several: the loss limit first, then the other protective rules, the
 * trade cap, the profit target, and the warning-only largest loss.
 */
export function rulesOf(session: Pick<SessionRow, 'lossLimitAmount' | 'rules'>): SessionRule[] {
  const stored = readStoredRules(session);
  const rules: SessionRule[] = [{ kind: 'loss_limit', amount: BigInt(session.lossLimitAmount) }];
  if (stored.dailyLossLimit)
    rules.push({
      kind: 'daily_loss_limit',
      amount: BigInt(stored.dailyLossLimit.amount),
      boundary: { minutes: stored.dailyLossLimit.boundaryMinutes, timeZone: stored.dailyLossLimit.timeZone },
    });
  if (stored.trailingDrawdown) rules.push({ kind: 'trailing_drawdown', amount: BigInt(stored.trailingDrawdown.amount) });
  if (stored.losingStreak) rules.push({ kind: 'losing_streak', ...stored.losingStreak });
  if (stored.tradeCap) rules.push({ kind: 'trade_cap', trades: stored.tradeCap.trades });
  if (stored.profitTarget)
    rules.push({ kind: 'profit_target', amount: BigInt(stored.profitTarget.amount), lockGivebackPercent: stored.profitTarget.lockGivebackPercent });
  if (stored.largestLoss) rules.push({ kind: 'largest_loss', amount: BigInt(stored.largestLoss.amount) });
  return rules;
}

/** "HH:MM" of minutes after midnight. */
export function clockText(minutesOfDay: number): string {
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`;
}

export function dailyLimitView(daily: DailyLimitRule | null): DailyLossLimitView | null {
  return daily === null ? null : { amount: microsToMoneyString(daily.amount), boundary: clockText(daily.boundaryMinutes), timeZone: daily.timeZone };
}

/** The setup's part of stored rules, money as decimal strings (what a template saves). */
export function rulesInputOf(stored: StoredRules): SessionRulesInput {
  return {
    trailingDrawdown: stored.trailingDrawdown && { amount: microsToMoneyString(stored.trailingDrawdown.amount) },
    profitTarget: stored.profitTarget && {
      amount: microsToMoneyString(stored.profitTarget.amount),
      lockGivebackPercent: stored.profitTarget.lockGivebackPercent,
    },
    tradeCap: stored.tradeCap && { trades: stored.tradeCap.trades },
    losingStreak: stored.losingStreak && { ...stored.losingStreak },
    largestLoss: stored.largestLoss && { amount: microsToMoneyString(stored.largestLoss.amount) },
    coolOffMinutes: stored.coolOffMinutes,
  };
}

export function rulesView(stored: StoredRules): SessionRulesView {
  return { ...rulesInputOf(stored), dailyLossLimit: dailyLimitView(stored.dailyLossLimit), templateName: stored.templateName };
}
