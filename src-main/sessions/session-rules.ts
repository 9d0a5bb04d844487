import type { FieldProblem, SessionValidation } from '../contract/views.ts';
import { DURATION_OPTIONS, LIMIT_PRESETS, MINIMUM_SESSION_BALANCE } from '../contract/views.ts';
import { Decimal, toMoneyString, toPercentString } from '../money/money.ts';
import { roundLimitAmount, roundPercentage, roundShareForSentence } from '../money/rounding.ts';

/** The rules of PRODUCT.md section 2, as pure functions over exact decimals. */
export const MINIMUM_BALANCE = new Decimal(MINIMUM_SESSION_BALANCE);
export const MINIMUM_LOSS_LIMIT = new Decimal('9.00');
export const HIGH_RISK_SHARE = new Decimal('20');
export const PENDING_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type LossLimitInput = { kind: 'percentage'; percentage: string } | { kind: 'amount'; amount: string };

export interface SessionConfigInput {
  durationMinutes: number;
  lossLimit: LossLimitInput;
}

export interface SessionValidationResult extends SessionValidation {
  /** Exact values for storage, present when the limit could be computed. */
  exact: { amount: Decimal; percentage: Decimal } | null;
}

/** Checks a session configuration against a balance and returns every problem at once. */
export function validateSessionConfig(balance: Decimal, input: SessionConfigInput): SessionValidationResult {
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];

  if (balance.lessThan(MINIMUM_BALANCE)) {
    errors.push({ field: 'balance', code: 'balance_too_low', message: `A session needs an account balance of at least ${toMoneyString(MINIMUM_BALANCE)}; the balance is ${toMoneyString(balance)}.` });
  }
  if (!(DURATION_OPTIONS as readonly number[]).includes(input.durationMinutes)) {
    errors.push({ field: 'durationMinutes', code: 'invalid_duration', message: 'Choose a duration of 1 hour, 4 hours, 1 day or 7 days.' });
  }

  const exact = computeLimit(balance, input.lossLimit, errors);
  if (exact) {
    if (exact.amount.lessThan(MINIMUM_LOSS_LIMIT)) {
      errors.push({ field: limitField(input.lossLimit), code: 'limit_too_small', message: `The loss limit must be at least ${toMoneyString(MINIMUM_LOSS_LIMIT)}; this one is ${toMoneyString(exact.amount)}.` });
    }
    if (exact.amount.greaterThan(balance)) {
      errors.push({ field: limitField(input.lossLimit), code: 'limit_exceeds_balance', message: `The loss limit can't be more than the balance (${toMoneyString(balance)}).` });
    }
    if (balance.greaterThan(0) && exact.amount.dividedBy(balance).times(100).greaterThan(HIGH_RISK_SHARE)) {
      warnings.push({ field: 'lossLimit', code: 'high_risk', message: `This limit risks ${roundShareForSentence(exact.amount.dividedBy(balance).times(100))} % of the balance, more than 20 %. Confirm that you mean it.` });
    }
  }

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
  };
}

function computeLimit(balance: Decimal, limit: LossLimitInput, errors: FieldProblem[]): { amount: Decimal; percentage: Decimal } | null {
  if (limit.kind === 'percentage') {
    if (!(LIMIT_PRESETS as readonly string[]).some((preset) => safeDecimal(limit.percentage)?.equals(preset))) {
      errors.push({ field: 'lossLimit.percentage', code: 'invalid_preset', message: 'Choose 10 %, 20 % or 30 % of the balance, or enter an amount.' });
      return null;
    }
    const percentage = new Decimal(limit.percentage);
    return { amount: roundLimitAmount(balance.times(percentage).dividedBy(100)), percentage: percentage.toDecimalPlaces(2) };
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
