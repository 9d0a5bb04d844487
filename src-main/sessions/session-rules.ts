import type { FieldProblem, SessionRulesInput, SessionValidation } from '../contract/views.ts';
import { DURATION_OPTIONS, LIMIT_PRESETS, MINIMUM_SESSION_BALANCE } from '../contract/views.ts';
import { Decimal, toMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundLimitAmount, roundPercentage, roundShareForSentence } from '../money/rounding.ts';
import { NO_RULES, type StoredRules } from './stored-rules.ts';

/** The rules of PRODUCT.md section 2, as pure functions over exact decimals. */
export const MINIMUM_BALANCE = new Decimal(MINIMUM_SESSION_BALANCE);
export const MINIMUM_LOSS_LIMIT = new Decimal('9.00');
export const HIGH_RISK_SHARE = new Decimal('20');
/** Half of 0.01 %: the smallest share of the balance that rounds to a stored percentage above 0. */
const MINIMUM_SHARE_STORED = new Decimal('0.005');
const PRESETS = LIMIT_PRESETS.map((preset) => new Decimal(preset));
/** A preset share of the balance is a product: exact, and it keeps decimal.js's division (its costliest step) off every create. */
const ONE_HUNDREDTH = new Decimal('0.01');
export const PENDING_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type LossLimitInput = { kind: 'percentage'; percentage: string } | { kind: 'amount'; amount: string };

export interface SessionConfigInput {
  durationMinutes: number;
  lossLimit: LossLimitInput;
  /** The rules beyond the loss limit; none when absent. */
  rules?: SessionRulesInput;
}

export const NO_RULES_INPUT: SessionRulesInput = Object.freeze({
  trailingDrawdown: null,
  profitTarget: null,
  tradeCap: null,
  losingStreak: null,
  largestLoss: null,
  coolOffMinutes: 0,
});

export interface SessionValidationResult extends SessionValidation {
  /** Exact values for storage, present when the limit could be computed. */
  exact: { amount: Decimal; percentage: Decimal } | null;
  /** The rules as stored with the session, present when they are valid. */
  rules: StoredRules | null;
}

/** Longest a cooldown or an early-end cool-off may be: a day. */
export const LONGEST_WAIT_MINUTES = 1440;
export const LONGEST_TRADE_CAP = 1000;

/** Checks a session configuration against a balance and returns every problem at once. */
export function validateSessionConfig(balance: Decimal, input: SessionConfigInput, options: { anyDuration?: boolean } = {}): SessionValidationResult {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];

  if (balance.lessThan(MINIMUM_BALANCE)) {
    errors.push({
      field: 'balance',
      code: 'balance_too_low',
      message: `A session needs an account balance of at least ${toMoneyString(MINIMUM_BALANCE)}; the balance is ${toMoneyString(balance)}.`,
    });
  }
  // A schedule's window sets its own length (09:30-11:30 is two hours); setup offers the four durations.
  const durationOk = options.anyDuration
    ? Number.isInteger(input.durationMinutes) && input.durationMinutes >= 15 && input.durationMinutes <= 1440
    : (DURATION_OPTIONS as readonly number[]).includes(input.durationMinutes);
  if (!durationOk) {
    errors.push({
      field: 'durationMinutes',
      code: 'invalid_duration',
      message: options.anyDuration ? 'A planned session lasts 15 minutes to 24 hours.' : 'Choose a duration of 1 hour, 4 hours, 1 day or 7 days.',
    });
  }

  const exact = computeLimit(balance, input.lossLimit, errors);
  if (exact) {
    if (exact.amount.lessThan(MINIMUM_LOSS_LIMIT)) {
      errors.push({
        field: limitField(input.lossLimit),
        code: 'limit_too_small',
        message: `The loss limit must be at least ${toMoneyString(MINIMUM_LOSS_LIMIT)}; this one is ${toMoneyString(exact.amount)}.`,
      });
    }
    // The percentage is stored to 2 decimals (PRODUCT.md section 2) and must be more than 0,
    // so a limit under 0.005 % of the balance (which rounds to 0.00 %) is refused here, with
    // the smallest amount that works, rather than failing to save.
    if (exact.percentage.isZero() && exact.amount.greaterThanOrEqualTo(MINIMUM_LOSS_LIMIT) && balance.greaterThan(0)) {
      const smallest = balance.times(MINIMUM_SHARE_STORED).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_UP);
      errors.push({
        field: limitField(input.lossLimit),
        code: 'limit_too_small',
        message: `A loss limit of ${toMoneyString(exact.amount)} is under 0.01 % of the balance (${toMoneyString(balance)}); the smallest limit for this balance is ${toMoneyString(smallest)}.`,
      });
    }
    if (exact.amount.greaterThan(balance)) {
      errors.push({
        field: limitField(input.lossLimit),
        code: 'limit_exceeds_balance',
        message: `The loss limit can't be more than the balance (${toMoneyString(balance)}).`,
      });
    }
    // amount / balance x 100 > 20 % compared without the division (exact either way: amounts
    // have 2 decimals, balances 6, so the share is never within decimal.js's precision of 20 %).
    if (balance.greaterThan(0) && exact.amount.times(100).greaterThan(balance.times(HIGH_RISK_SHARE))) {
      warnings.push({
        field: 'lossLimit',
        code: 'high_risk',
        message: `This limit risks ${roundShareForSentence(exact.amount.dividedBy(balance).times(100))} % of the balance, more than 20 %. Confirm that you mean it.`,
      });
    }
  }

  const rules = validateRules(balance, input.rules ?? NO_RULES_INPUT, errors);

  return {
    valid: errors.length === 0,
    errors,
    warnings,
    computed: {
      lossLimitAmount: exact ? toMoneyString(exact.amount) : null,
      lossLimitPercentage: exact ? toPercentString(exact.percentage) : null,
      balance: toMoneyString(balance),
    },
    exact,
    rules,
  };
}

/** Every problem of the rules beyond the loss limit, each at its field; the rules in storage form when there is none. */
function validateRules(balance: Decimal, rules: SessionRulesInput, errors: FieldProblem[]): StoredRules | null {
  const before = errors.length;
  const amount = (field: string, text: string, what: string, atMostBalance: boolean): number | null => {
    const value = safeDecimal(text);
    if (!value || value.decimalPlaces() > 2 || value.lessThanOrEqualTo(0)) {
      errors.push({ field, code: 'invalid_amount', message: `Enter ${what} as an amount above 0 with at most 2 decimals, e.g. 250.00.` });
      return null;
    }
    if (atMostBalance && value.greaterThan(balance)) {
      errors.push({
        field,
        code: 'exceeds_balance',
        message: `${what[0]!.toUpperCase()}${what.slice(1)} can't be more than the balance (${toMoneyString(balance)}).`,
      });
      return null;
    }
    return toMicros(value);
  };
  const whole = (field: string, value: number, min: number, max: number, message: string): number | null => {
    if (!Number.isInteger(value) || value < min || value > max) {
      errors.push({ field, code: 'out_of_range', message });
      return null;
    }
    return value;
  };

  const drawdown = rules.trailingDrawdown && amount('rules.trailingDrawdown.amount', rules.trailingDrawdown.amount, 'the trailing drawdown', true);
  const target = rules.profitTarget && amount('rules.profitTarget.amount', rules.profitTarget.amount, 'the profit target', false);
  const giveback =
    rules.profitTarget?.lockGivebackPercent == null
      ? null
      : whole('rules.profitTarget.lockGivebackPercent', rules.profitTarget.lockGivebackPercent, 1, 100, 'Give back between 1 and 100 % of the peak.');
  const cap = rules.tradeCap && whole('rules.tradeCap.trades', rules.tradeCap.trades, 1, LONGEST_TRADE_CAP, `Allow 1 to ${LONGEST_TRADE_CAP} trades.`);
  const streak = rules.losingStreak;
  const losses = streak && whole('rules.losingStreak.losses', streak.losses, 1, 50, 'Count 1 to 50 losing trades in a row.');
  const cooldown =
    streak &&
    whole(
      'rules.losingStreak.cooldownMinutes',
      streak.cooldownMinutes,
      streak.stop ? 0 : 1,
      LONGEST_WAIT_MINUTES,
      `Cool down for 1 to ${LONGEST_WAIT_MINUTES} minutes, or let the streak stop the session.`,
    );
  const largest = rules.largestLoss && amount('rules.largestLoss.amount', rules.largestLoss.amount, 'the largest single loss', true);
  const coolOff = whole('rules.coolOffMinutes', rules.coolOffMinutes, 0, LONGEST_WAIT_MINUTES, `Choose a cool-off of 0 to ${LONGEST_WAIT_MINUTES} minutes.`);
  if (errors.length > before) return null;
  return {
    ...NO_RULES,
    trailingDrawdown: drawdown ? { amount: drawdown } : null,
    profitTarget: target ? { amount: target, lockGivebackPercent: giveback } : null,
    tradeCap: cap ? { trades: cap } : null,
    losingStreak: streak && losses !== null && cooldown !== null ? { losses, cooldownMinutes: streak.stop ? 0 : cooldown, stop: streak.stop } : null,
    largestLoss: largest ? { amount: largest } : null,
    coolOffMinutes: coolOff ?? 0,
  };
}

function computeLimit(balance: Decimal, limit: LossLimitInput, errors: FieldProblem[]): { amount: Decimal; percentage: Decimal } | null {
  if (limit.kind === 'percentage') {
    const percentage = safeDecimal(limit.percentage);
    if (!percentage || !PRESETS.some((preset) => percentage.equals(preset))) {
      errors.push({ field: 'lossLimit.percentage', code: 'invalid_preset', message: 'Choose 10 %, 20 % or 30 % of the balance, or enter an amount.' });
      return null;
    }
    return { amount: roundLimitAmount(balance.times(percentage).times(ONE_HUNDREDTH)), percentage: percentage.toDecimalPlaces(2) };
  }
  const amount = safeDecimal(limit.amount);
  if (!amount || amount.decimalPlaces() > 2) {
    errors.push({ field: 'lossLimit.amount', code: 'invalid_amount', message: 'Enter the loss limit as an amount with at most 2 decimals, e.g. 250.00.' });
    return null;
  }
  if (balance.lessThanOrEqualTo(0)) return { amount, percentage: new Decimal(0) };
  return { amount, percentage: roundPercentage(amount.dividedBy(balance).times(100)) };
}

function limitField(limit: LossLimitInput): string {
  return limit.kind === 'percentage' ? 'lossLimit.percentage' : 'lossLimit.amount';
}

function safeDecimal(text: string): Decimal | null {
  if (!/^-?\d{1,15}(\.\d{1,10})?$/.test(text)) return null;
  return new Decimal(text);
}
