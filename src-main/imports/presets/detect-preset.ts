import type { PRESETS } from '../../contract/import-schemas.ts';
import type { CsvRow } from '../csv-text.ts';

export type Detected = { preset: (typeof PRESETS)[number] } | { unsupported: string } | null;

/** Recognises a broker export by its own headers and sections. */
export function detectPreset(rows: CsvRow[]): Detected {
  const first = rows.find((r) => r.cells.some((c) => c !== ''))?.cells.map((c) => c.toLowerCase()) ?? [];
  const has = (...names: string[]) => names.every((n) => first.includes(n.toLowerCase()));
  if (has('orderId', 'B/S', 'Contract', 'Fill Time')) return { preset: 'tradovate_orders' };
  if (has('Instrument', 'Action', 'Quantity', 'Price', 'Time', 'E/X')) return { preset: 'ninjatrader_executions' };
  if (rows.some((r) => r.cells[0] === 'Trades' && r.cells[1] === 'Header')) return { preset: 'ibkr_activity_statement' };
  if (rows.some((r) => r.cells.includes('Account Trade History'))) return { preset: 'thinkorswim_statement' };
  if (has('ClientAccountID', 'AssetClass', 'Symbol')) {
    const data = rows.slice(1).filter((r) => r.cells.some((c) => c !== ''));
    return { unsupported: data.length === 0 ? 'This Interactive Brokers Trade Confirmation (Flex) file has its header but no trades in it: there is nothing to import.' : 'Interactive Brokers Flex files are not supported; export the Activity Statement as CSV, or map the columns by hand.' };
  }
  return null;
}
