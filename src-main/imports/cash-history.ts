import type { CsvRow } from './csv-text.ts';
import { columnKey } from './presets/header-spec.ts';

export interface CashHistory {
  kind: 'cash' | 'balance';
  /** What in the file says so, in words the trader can check. */
  reason: string;
}

const QUANTITY = new Set(['qty', 'quantity', 'filledqty', 'filled', 'shares', 'contracts', 'size', 'volume', 'lots', 'units', 'totalqty']);
const PRICE = new Set(['price', 'avgprice', 'averageprice', 'fillprice', 'tradeprice', 'executionprice', 'entryprice', 'exitprice', 'buyprice', 'sellprice', 'openprice', 'closeprice', 'avgfillprice', 'tprice']);
const SYMBOL = new Set(['symbol', 'instrument', 'contract', 'ticker', 'product', 'market', 'security', 'underlying']);
const AMOUNT = new Set(['amount', 'delta', 'netamount', 'cashchange', 'credit', 'debit', 'value', 'total', 'net']);
const BALANCE = new Set(['balance', 'totalamount', 'cashbalance', 'accountbalance', 'netliquidation', 'netliquidatingvalue', 'netliq', 'endingbalance', 'endofdaybalance', 'equity', 'nav', 'totalequity']);
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

  if (keys.includes('cashchangetype')) return { kind: 'cash', reason: `its “${named(new Set(['cashchangetype']))}” column lists cash movements` };
  if (has(BALANCE) && !has(SYMBOL)) return { kind: 'balance', reason: `it has a “${named(BALANCE)}” column and no symbol, quantity or price per row` };
  if (!has(AMOUNT)) return null;
  const typeColumns = keys.flatMap((k, i) => (TYPE.has(k) ? [i] : []));
  const data = head.slice(headerAt + 1).filter((row) => row.cells.some((c) => c.trim() !== ''));
  for (const column of typeColumns) {
    const values = data.map((row) => row.cells[column] ?? '').filter((v) => v.trim() !== '');
    const cash = values.filter((v) => CASH_WORDS.test(v));
    if (values.length > 0 && cash.length * 2 >= values.length) return { kind: 'cash', reason: `its “${header[column]}” column lists cash movements such as “${cash[0]}”, and it has no quantity and price per row` };
  }
  return null;
}

export function cashHistoryMessage(found: CashHistory): string {
  const what = found.kind === 'cash' ? 'a cash history (deposits, withdrawals, commissions, fees)' : 'a balance history (the account’s daily totals)';
  return `This is ${what}, not a list of trades: ${found.reason}. Nothing in it is imported as trades. Import the platform’s fills, orders or trades report instead.`;
}
