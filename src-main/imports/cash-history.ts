import { Decimal } from '../money/money.ts';
import type { CsvRow } from './csv-text.ts';
import { parseBrokerDate } from './date-text.ts';
import type { PlatformTotal } from './import-types.ts';
import { parseBrokerNumber } from './money-text.ts';
import { columnKey } from './presets/header-spec.ts';
import type { ImportFile } from './presets/preset-definition.ts';
import { dayInZone } from './reconcile.ts';

export interface CashHistory {
  kind: 'cash' | 'balance';
  /** What in the file says so, in words the trader can check. */
  reason: string;
}

const QUANTITY = new Set(['qty', 'quantity', 'filledqty', 'filled', 'shares', 'contracts', 'size', 'volume', 'lots', 'units', 'totalqty']);
const PRICE = new Set([
  'price',
  'avgprice',
  'averageprice',
  'fillprice',
  'tradeprice',
  'executionprice',
  'entryprice',
  'exitprice',
  'buyprice',
  'sellprice',
  'openprice',
  'closeprice',
  'avgfillprice',
  'tprice',
]);
const SYMBOL = new Set(['symbol', 'instrument', 'contract', 'ticker', 'product', 'market', 'security', 'underlying']);
const AMOUNT = new Set(['amount', 'delta', 'netamount', 'cashchange', 'credit', 'debit', 'value', 'total', 'net']);
const BALANCE = new Set([
  'balance',
  'totalamount',
  'cashbalance',
  'accountbalance',
  'netliquidation',
  'netliquidatingvalue',
  'netliq',
  'endingbalance',
  'endofdaybalance',
  'equity',
  'nav',
  'totalequity',
]);
/** Columns that say what kind of cash movement a row is. */
const TYPE = new Set(['type', 'transactiontype', 'activitytype', 'activity', 'description', 'action', 'transcode', 'entrytype', 'category']);
const CASH_WORDS = /deposit|withdraw|fund transaction|wire|\bach\b|transfer|interest|dividend|commission|\bfees?\b|rebate|adjustment|journal|moneylink|payout/i;

/**
 * A cash or balance history: deposits, withdrawals, commissions and fees (Tradovate's Cash
 * History, a broker's cash ledger), or daily account totals (Tradovate's Account Balance
 * History). Mapped as trades it would book a $25,000 deposit as a winning trade, so it is
 * recognised from its header and never read as trades. A file with both a quantity and a
 * price column is a trade file, whatever else it has.
 */
export function recogniseCashHistory(head: readonly CsvRow[]): CashHistory | null {
  const headerAt = head.findIndex((row) => row.cells.filter((c) => c.trim() !== '').length >= 3);
  if (headerAt === -1) return null;
  const header = head[headerAt]!.cells;
  const keys = header.map(columnKey);
  const has = (set: ReadonlySet<string>) => keys.some((k) => set.has(k));
  if (has(QUANTITY) && has(PRICE)) return null;
  const named = (set: ReadonlySet<string>) => header.find((_, i) => set.has(keys[i]!))!;

  if (keys.includes('refid') && keys.includes('asset') && has(AMOUNT))
    return {
      kind: 'cash',
      reason: `its “${named(new Set(['refid']))}”, “${named(new Set(['asset']))}” and “${named(AMOUNT)}” columns list each change of an asset's balance (deposits, withdrawals, staking, and both legs of each trade), as Kraken's ledgers export does`,
    };
  if (keys.includes('cashchangetype')) return { kind: 'cash', reason: `its “${named(new Set(['cashchangetype']))}” column lists cash movements` };
  if (has(BALANCE) && !has(SYMBOL)) return { kind: 'balance', reason: `it has a “${named(BALANCE)}” column and no symbol, quantity or price per row` };
  if (!has(AMOUNT)) return null;
  const typeColumns = keys.flatMap((k, i) => (TYPE.has(k) ? [i] : []));
  const data = head.slice(headerAt + 1).filter((row) => row.cells.some((c) => c.trim() !== ''));
  for (const column of typeColumns) {
    const values = data.map((row) => row.cells[column] ?? '').filter((v) => v.trim() !== '');
    const cash = values.filter((v) => CASH_WORDS.test(v));
    if (values.length > 0 && cash.length * 2 >= values.length)
      return { kind: 'cash', reason: `its “${header[column]}” column lists cash movements such as “${cash[0]}”, and it has no quantity and price per row` };
  }
  return null;
}

export function cashHistoryMessage(found: CashHistory): string {
  const what = found.kind === 'cash' ? 'a cash history (deposits, withdrawals, commissions, fees)' : 'a balance history (the account’s daily totals)';
  return `This is ${what}, not a list of trades: ${found.reason}. Nothing in it is imported as trades. Import the platform’s fills, orders or trades report instead.`;
}

/** Rows of a cash history that are trading: realized P&L of paired trades, commissions, fees. Money moved in or out is not. */
const TRADING_WORDS = /trade|paired|commission|\bfees?\b|clearing|exchange|nfa|brokerage|routing/i;
const NOT_TRADING_WORDS = /fund|deposit|withdraw|transfer|interest|dividend|wire|\bach\b|payout|adjustment|journal|moneylink|rebate/i;
const ACCOUNT_COLUMNS = ['account', 'accountname', 'accountid'];
const DAY_COLUMNS = ['tradedate', 'date', 'timestamp', 'time', 'datetime'];
const CHANGE_COLUMNS = ['delta', 'cashchange', 'netamount', 'amount'];

/**
 * The platform's own trading total per account and day in a cash or balance history: in a cash
 * history the sum of its trading rows (Tradovate's "Trade Paired" P&L, commissions and fees; not
 * deposits, withdrawals or interest), net of fees; in a balance history its realized P&L column.
 * Days are the file's own dates, or its timestamps' calendar days in `timeZone`. Rows whose
 * amount or date can't be read are left out, and counted.
 */
export function readCashTotals(file: ImportFile, found: CashHistory, timeZone: string): { totals: PlatformTotal[]; unread: number } {
  const headerAt = file.head.findIndex((row) => row.cells.filter((c) => c.trim() !== '').length >= 3);
  const header = file.head[headerAt]!;
  const keys = header.cells.map(columnKey);
  // Each row's amount is in its own asset (Kraken's ledgers: EUR on one row, BTC on the next): there is no one total to add up.
  if (keys.includes('asset')) return { totals: [], unread: 0 };
  const column = (names: readonly string[]) => names.map((n) => keys.indexOf(n)).find((i) => i !== -1);
  const realized = keys.findIndex((k) => k.includes('realized') && /pnl|p&l|p\/l|profit|loss/.test(k));
  const amountAt = found.kind === 'balance' ? (realized === -1 ? undefined : realized) : column(CHANGE_COLUMNS);
  const dayAt = column(DAY_COLUMNS);
  if (amountAt === undefined || dayAt === undefined) return { totals: [], unread: 0 };
  const accountAt = column(ACCOUNT_COLUMNS);
  const typeAt = found.kind === 'cash' ? keys.findIndex((k) => k === 'cashchangetype' || TYPE.has(k)) : -1;
  const label = found.kind === 'cash' ? `${header.cells[amountAt]} of the trading rows` : header.cells[amountAt]!;

  const totals = new Map<string, PlatformTotal>();
  let unread = 0;
  for (const row of file.rows()) {
    if (row.line <= header.line || row.cells.every((c) => c.trim() === '')) continue;
    if (typeAt !== -1) {
      const type = row.cells[typeAt] ?? '';
      if (!TRADING_WORDS.test(type) || NOT_TRADING_WORDS.test(type)) continue;
    }
    const amount = parseBrokerNumber(row.cells[amountAt] ?? '');
    const day = dayOfCell(row.cells[dayAt] ?? '', timeZone);
    if (!amount.ok || day === null) {
      unread += 1;
      continue;
    }
    const account = accountAt === undefined ? null : (row.cells[accountAt] ?? '').trim() || null;
    const key = `${account}\u0000${day}`;
    const total = totals.get(key) ?? { label, account, day, basis: 'net' as const, amount: new Decimal(0) };
    totals.set(key, { ...total, amount: total.amount.plus(amount.value) });
  }
  return { totals: [...totals.values()], unread };
}

function dayOfCell(text: string, timeZone: string): string | null {
  const iso = /^\s*(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso) return iso[1]!;
  const parsed = parseBrokerDate(text, 'auto', timeZone);
  return parsed.ok ? dayInZone(parsed.value, timeZone) : null;
}
