import type { GenericMapping } from '../contract/import-schemas.ts';
import { Decimal } from '../money/money.ts';
import { decodeFile, readCsv } from './csv-text.ts';
import { matchFifo } from './fifo-matcher.ts';
import type { ClosedTrade, OpenLot, PresetId, PresetOutput, RowProblem, UnopenedClose } from './import-types.ts';
import type { DecimalStyle } from './money-text.ts';
import { detectPreset } from './presets/detect-preset.ts';
import { readGeneric } from './presets/generic-mapping.ts';
import { readIbkrActivityStatement } from './presets/ibkr-activity-statement.ts';
import { readNinjaTraderExecutions } from './presets/ninjatrader-executions.ts';
import type { PresetContext } from './presets/preset-context.ts';
import { readThinkorswimStatement } from './presets/thinkorswim-statement.ts';
import { readTradovateOrders } from './presets/tradovate-orders.ts';

export const PRESET_LABELS: Record<PresetId, string> = {
  tradovate_orders: 'Tradovate Orders',
  ninjatrader_executions: 'NinjaTrader Executions',
  thinkorswim_statement: 'thinkorswim Account Statement',
  ibkr_activity_statement: 'Interactive Brokers Activity Statement',
  generic: 'Your column mapping',
};

export interface ReadRequest {
  bytes: Uint8Array;
  preset: PresetId | 'auto';
  mapping?: GenericMapping;
  timeZone: string;
  pointValues?: Readonly<Record<string, string>>;
  decimalStyle?: DecimalStyle;
}

export interface MatchState {
  /** Positions left open by earlier imports, which this file's fills may close. */
  openLots?: readonly OpenLot[];
  /** Fills already imported before (by key): skipped, so a re-import adds nothing. */
  knownFills?: ReadonlySet<string>;
  /** Opening prices the trader entered for closes with no known opening position, by line. */
  openingPrices?: ReadonlyMap<number, Decimal>;
}

export type ReadResult = { ok: true; preset: PresetId; output: PresetOutput; problems: RowProblem[]; notes: string[] } | { ok: false; message: string; problems: RowProblem[] };

export type ParseResult =
  | {
      ok: true;
      preset: PresetId;
      trades: ClosedTrade[];
      openLots: OpenLot[];
      /** Closes with no known opening position: in no P&L, and (when wholly unmatched) not remembered, so a re-import after earlier history reads them again. */
      unopened: UnopenedClose[];
      fillKeys: string[];
      fills: number;
      skippedKnownFills: number;
      problems: RowProblem[];
      notes: string[];
    }
  | { ok: false; message: string; problems: RowProblem[] };

/**
 * A broker file in, closed trades out: decode, recognise or apply the preset or mapping, read
 * every row (each unusable one becomes a problem with its line and why), then match fills FIFO
 * together with what earlier imports left open. Pure: nothing is written.
 */
export function parseImport(request: ReadRequest & MatchState): ParseResult {
  const read = readImportFile(request);
  return read.ok ? matchImport(read, request) : read;
}

/** Decoding and reading rows; the fills' keys are then known, to ask which were imported before. */
export function readImportFile(request: ReadRequest): ReadResult {
  const decoded = decodeFile(request.bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message, problems: [] };
  const csv = readCsv(decoded.text);
  let preset: PresetId;
  if (request.preset === 'auto') {
    const detected = detectPreset(csv.rows);
    if (detected === null) return { ok: false, message: 'This file is not one of the known broker exports. Choose a preset, or map its columns.', problems: [] };
    if ('unsupported' in detected) return { ok: false, message: detected.unsupported, problems: [] };
    preset = detected.preset;
  } else preset = request.preset;

  const context: PresetContext = { timeZone: request.timeZone, decimalStyle: request.decimalStyle ?? 'auto', pointValues: request.pointValues ?? {} };
  let output: PresetOutput;
  if (preset === 'generic') {
    if (!request.mapping) return { ok: false, message: 'Map the file’s columns first.', problems: [] };
    output = readGeneric(csv.rows, request.mapping, context);
  } else output = READERS[preset](csv.rows, context);
  const problems = [...csv.problems, ...output.problems].sort((a, b) => a.line - b.line);
  if (output.trades.length === 0 && output.fills.length === 0 && problems.length === 0) {
    return { ok: false, message: 'The file has no trades in it: there is nothing to import.', problems: [] };
  }
  return { ok: true, preset, output, problems, notes: [...decoded.notes, ...output.notes] };
}

export function matchImport(read: Extract<ReadResult, { ok: true }>, state: MatchState): Extract<ParseResult, { ok: true }> {
  const known = state.knownFills ?? new Set<string>();
  const fresh = read.output.fills.filter((fill) => !known.has(fill.fillKey));
  const events = (read.output.events ?? []).filter((event) => !known.has(event.fillKey));
  const matched = matchFifo(fresh, state.openLots ?? [], { events, ...(state.openingPrices && { openingPrices: state.openingPrices }) });
  const untouched = new Set(matched.unopened.filter((u) => u.wholeFill).map((u) => u.fillKey));
  return {
    ok: true,
    preset: read.preset,
    trades: [...matched.trades, ...read.output.trades].sort((a, b) => a.closedAt - b.closedAt),
    openLots: matched.openLots,
    unopened: matched.unopened,
    fillKeys: [...fresh, ...events].map((f) => f.fillKey).filter((key) => !untouched.has(key)),
    fills: read.output.fills.length,
    skippedKnownFills: read.output.fills.length - fresh.length,
    problems: read.problems,
    notes: [...read.notes, ...matched.notes],
  };
}

const READERS: Record<Exclude<PresetId, 'generic'>, (rows: ReturnType<typeof readCsv>['rows'], context: PresetContext) => PresetOutput> = {
  tradovate_orders: readTradovateOrders,
  ninjatrader_executions: readNinjaTraderExecutions,
  thinkorswim_statement: readThinkorswimStatement,
  ibkr_activity_statement: readIbkrActivityStatement,
};

/** Net P&L per account and currency, the figures a preview and the tests compare. */
export function totalsByAccount(trades: readonly ClosedTrade[]): Array<{ account: string; currency: string | null; trades: number; gross: Decimal; fees: Decimal; net: Decimal }> {
  const totals = new Map<string, { account: string; currency: string | null; trades: number; gross: Decimal; fees: Decimal; net: Decimal }>();
  for (const t of trades) {
    const key = `${t.account}\u0000${t.currency ?? ''}`;
    const entry = totals.get(key) ?? { account: t.account, currency: t.currency, trades: 0, gross: new Decimal(0), fees: new Decimal(0), net: new Decimal(0) };
    entry.trades += 1;
    entry.gross = entry.gross.plus(t.grossPnl);
    entry.fees = entry.fees.plus(t.fees);
    entry.net = entry.net.plus(t.netPnl);
    totals.set(key, entry);
  }
  return [...totals.values()];
}
