import { Decimal, toMoneyString } from '../../money/money.ts';
import { isBlank } from '../csv-text.ts';
import type { ClosedTrade, PlatformTotal, PresetOutput } from '../import-types.ts';
import { parseBrokerNumber, plainDecimal } from '../money-text.ts';
import { pointValueOf } from '../point-values.ts';
import { dayInZone } from '../reconcile.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildClosedTrade, type PresetContext } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const FEES = ['Commission', 'Clearing Fee', 'Exchange Fee', 'IP Fee', 'NFA Fee'];
/** Each column by the names NinjaTrader gives it: version 8, version 7, and NinjaTrader in French. */
const NAMES = {
  position: ['Market pos.', 'Pos. marché.'],
  quantity: ['Qty', 'Quantity', 'Qté'],
  entryPrice: ['Entry price', "Prix d'entrée"],
  exitPrice: ['Exit price', 'Prix de sortie'],
  entryTime: ['Entry time', "Heure d'entrée"],
  exitTime: ['Exit time', 'Heure de sortie'],
  account: ['Account', 'Account display name', 'Compte'],
  cumulative: ['Cum. net profit', 'Cum. profit'],
};
const SPEC: HeaderSpec = {
  format: 'NinjaTrader Trades',
  required: ['Instrument', NAMES.position, NAMES.quantity, NAMES.entryPrice, NAMES.exitPrice, NAMES.entryTime, NAMES.exitTime, 'Profit'],
  optional: [
    'Trade number',
    'Trade-#',
    "Numéro d'ordre",
    ...NAMES.account,
    'Strategy',
    'Stratégie',
    'Entry name',
    "Nom d'entrée",
    'Exit name',
    'Nom de la sortie',
    ...NAMES.cumulative,
    ...FEES,
    'MAE',
    'MFE',
    'ETD',
    'Bars',
    'Highest price',
    'Lowest price',
  ],
};
const LONG = new Set(['long', 'longue']);
const SHORT = new Set(['short', 'courte']);

/**
 * NinjaTrader's Trade Performance "Trades" grid: one row per round trip NinjaTrader matched,
 * instruments as `ES 06-18`, money as `$25.00` or `($200.00)`, several accounts in one file.
 * NinjaTrader 7 names two columns `Quantity` and `Cum. profit`, NinjaTrader 8 `Qty` and `Cum. net profit`;
 * in French the columns are `Pos. marché.`, `Qté`, `Prix d'entrée` and so on, the sides `Longue` and `Courte`.
 * `Profit` is before commission and fees, unless the report includes them (see `netProfit`); the grid's running cumulative profit is compared with
 * what the rows add up to, for the whole file and, row by row, per account and day (each row's
 * step in the running total is NinjaTrader's figure for that trade), and a difference is said.
 */
export const ninjaTraderTrades: PresetDefinition = {
  id: 'ninjatrader_trades',
  label: 'NinjaTrader Trades',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a NinjaTrader Trades export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const fees = FEES.filter((name) => columns.has(name));
    const [accountColumn, positionColumn, quantityColumn, entryPriceColumn, exitPriceColumn, entryTimeColumn, exitTimeColumn, cumulativeColumn] = [
      NAMES.account,
      NAMES.position,
      NAMES.quantity,
      NAMES.entryPrice,
      NAMES.exitPrice,
      NAMES.entryTime,
      NAMES.exitTime,
      NAMES.cumulative,
    ].map((names) => columns.first(...names)) as [string, string, string, string, string, string, string, string];
    let reported: { value: Decimal; line: number } | null = null;
    let cumulativeReadable = columns.has(cumulativeColumn);
    // What each row adds to the running total, by account and day: NinjaTrader's own figure for that row.
    const steps = new Map<string, { account: string; day: string; amount: Decimal }>();
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const cell = (name: string) => columns.cell(row, name);
      const account = cell(accountColumn);
      const position = cell(positionColumn).toLowerCase();
      const side = LONG.has(position) ? 'long' : SHORT.has(position) ? 'short' : null;
      const entryTime = cell(entryTimeColumn);
      const exitTime = cell(exitTimeColumn);
      const built = buildClosedTrade(
        {
          line: row.line,
          account,
          symbol: cell('Instrument'),
          side,
          quantity: cell(quantityColumn),
          entryPrice: cell(entryPriceColumn),
          exitPrice: cell(exitPriceColumn),
          openedAt: entryTime,
          closedAt: exitTime,
          dateFormat: 'auto',
          grossPnl: cell('Profit'),
          extras: fees.map((name) => ({ name, text: cell(name), kind: 'fee' as const })),
          identity: `ninjatrader-trade\u0000${account}\u0000${cell('Instrument')}\u0000${side ?? position}\u0000${entryTime}\u0000${exitTime}\u0000${cell(quantityColumn)}\u0000${cell(entryPriceColumn)}\u0000${cell(exitPriceColumn)}`,
          currency: null,
        },
        context,
      );
      if (!('trade' in built)) {
        out.problems.push(built.problem);
        cumulativeReadable = false;
        continue;
      }
      out.trades.push(built.trade);
      if (cumulativeReadable) {
        const cumulative = parseBrokerNumber(cell(cumulativeColumn), context.decimalStyle);
        if (cumulative.ok) {
          const account = built.trade.account;
          const day = dayInZone(built.trade.closedAt, context.timeZone);
          const key = `${account}\u0000${day}`;
          const step = steps.get(key) ?? { account, day, amount: new Decimal(0) };
          steps.set(key, { ...step, amount: step.amount.plus(cumulative.value.minus(reported?.value ?? 0)) });
          reported = { value: cumulative.value, line: row.line };
        } else cumulativeReadable = false;
      }
    }
    if (netProfit(out.trades, context)) {
      out.trades = out.trades.map((trade) => {
        const gross = priceMove(trade, context) ?? trade.grossPnl.plus(trade.fees);
        return { ...trade, grossPnl: gross, fees: gross.minus(trade.grossPnl), netPnl: trade.grossPnl };
      });
      out.notes.push(
        'NinjaTrader’s Profit in this report is already net of commission and fees (its “Include commission” is on): it is each trade’s net, the price move its gross, the difference its costs.',
      );
    }
    const running = out.trades.reduce((sum, trade) => sum.plus(trade.netPnl), new Decimal(0));
    const runningGross = out.trades.reduce((sum, trade) => sum.plus(trade.grossPnl), new Decimal(0));
    if (cumulativeReadable && reported) {
      // Some NinjaTrader versions add commissions into the running total, others don't.
      if (reported.value.equals(running) || reported.value.equals(runningGross))
        out.notes.push(`The trades add up to NinjaTrader’s own ${cumulativeColumn} (${toMoneyString(reported.value)}).`);
      else
        out.notes.push(
          `NinjaTrader’s ${cumulativeColumn} on line ${reported.line} is ${toMoneyString(reported.value)}, but the trades read add up to ${toMoneyString(running)}: the file may not start with the account’s first trade.`,
        );
      const basis: PlatformTotal['basis'] = !reported.value.equals(running) && reported.value.equals(runningGross) ? 'gross' : 'net';
      const label = cumulativeColumn;
      out.platformTotals = [
        { label, account: null, day: null, basis, amount: reported.value },
        ...[...steps.values()].map((step) => ({ label, ...step, basis })),
      ];
    }
    return out;
  },
};

/** A futures trade's result from its prices alone, where its contract's point value is known. */
function priceMove(trade: ClosedTrade, context: PresetContext): Decimal | null {
  if (trade.side === null || trade.quantity === null || trade.entryPrice === null || trade.exitPrice === null) return null;
  const pointValue = pointValueOf(trade.symbol, context.pointValues);
  if (!pointValue.ok) return null;
  const move = trade.exitPrice.minus(trade.entryPrice).times(trade.quantity).times(plainDecimal(pointValue.value));
  return trade.side === 'long' ? move : move.negated();
}

/**
 * Whether the report's Profit (read as each trade's gross) already has the costs taken off:
 * NinjaTrader 8 does so when the report's "Include commission" is on, and the grid may show the
 * Commission column without the fee columns (Profit 48.10 on a 25-point MNQ move with a $0.78
 * commission). Told by the price moves where the point value is known: no Profit above its move
 * less its fee columns, one below its move, and the same cost per contract on every trade of an
 * account's instrument (a report in points or ticks falls short of the moves by differing amounts).
 */
function netProfit(trades: readonly ClosedTrade[], context: PresetContext): boolean {
  let below = false;
  const costPerContract = new Map<string, Decimal>();
  for (const trade of trades) {
    const move = priceMove(trade, context);
    if (move === null) continue;
    if (trade.grossPnl.greaterThan(move.minus(trade.fees))) return false;
    if (trade.grossPnl.lessThan(move)) below = true;
    const key = `${trade.account}\u0000${trade.symbol}`;
    const cost = move.minus(trade.grossPnl).dividedBy(trade.quantity!);
    const seen = costPerContract.get(key);
    if (seen !== undefined && !seen.equals(cost)) return false;
    costPerContract.set(key, cost);
  }
  return below;
}
