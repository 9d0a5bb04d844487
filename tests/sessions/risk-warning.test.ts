import { describe, expect, test } from 'vitest';
import { Decimal } from '../../src-main/money/money.ts';
import { validateSessionConfig } from '../../src-main/sessions/session-rules.ts';

describe('the risk warning says the exact share (issue 16 item 7)', () => {
  test.each([
    ['1000.01', '5000.00', '20.0002'],
    ['1500.00', '5000.00', '30.00'],
    ['1000.01', '4999.99', '20.0003'],
  ])('%s on a balance of %s is shown as a share of %s, never a rounded 20.00', (amount, balance, shown) => {
    const report = validateSessionConfig(new Decimal(balance), { durationMinutes: 60, lossLimit: { kind: 'amount', amount } });
    expect(report.warnings.map((w) => w.message)).toEqual([`This limit risks ${shown} % of the balance, more than 20 %. Confirm that you mean it.`]);
  });
});
