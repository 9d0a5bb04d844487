import type { GenericMapping } from '../contract/import-schemas.ts';
import type { ImportFileHead, PresetCandidateView, SavedMapping } from '../contract/views.ts';
import { bigToDecimal, Decimal, MicrosTotal, MONEY_DECIMALS } from '../money/money.ts';
import { roundTradeAmount } from '../money/rounding.ts';
import { cashHistoryMessage, readCashTotals, recogniseCashHistory, type CashHistory } from './cash-history.ts';
import { isBlank } from './csv-text.ts';
import { microsOf } from './exact-micros.ts';
import { matchFifo } from './fifo-matcher.ts';
import { openImportFile } from './import-file.ts';
import type {
  ClosedTrade,
  Fill,
  OpenLot,
  OpenPosition,
  PlatformTotal,
  PositionEvent,
  PresetId,
  PresetOutput,
  RowProblem,
  UnopenedClose,
} from './import-types.ts';
import type { DecimalStyle } from './money-text.ts';
import { findHeaderRow, mappingFits, readGeneric } from './presets/generic-mapping.ts';
import type { PresetContext } from './presets/preset-context.ts';
import type { ImportFile, PresetDefinition } from './presets/preset-definition.ts';
import { detectPresets, presetById, type Candidate } from './presets/preset-registry.ts';

export const GENERIC_LABEL = 'Your column mapping';

export interface ReadRequest {
  bytes: Uint8Array;
  fileName?: string;
  preset: PresetId | 'auto';
  mapping?: GenericMapping;
  timeZone: string;
  pointValues?: Readonly<Record<string, string>>;
  decimalStyle?: DecimalStyle;
  /** The trader's saved mappings: one saved for this file's header is recognised like a preset. */
  savedMappings?: readonly SavedMapping[];
}

export interface MatchState {
  /** Positions left open by earlier imports, which this file's fills may close. */
  openLots?: readonly OpenLot[];
  /** Fills already imported before (by key): skipped, so a re-import adds nothing. */
  knownFills?: ReadonlySet<string>;
  /** Opening prices the trader entered for closes with no known opening position, by line. */
  openingPrices?: ReadonlyMap<number, Decimal>;
  /** Sales the trader says opened a short, by line. */
  shortLines?: ReadonlySet<number>;
}

export type ReadResult =
  | { ok: true; preset: PresetId; presetLabel: string; output: PresetOutput; problems: RowProblem[]; notes: string[]; candidates: PresetCandidateView[] }
  | {
      ok: false;
      message: string;
      problems: RowProblem[];
      candidates: PresetCandidateView[];
      needsChoice?: true;
      cashHistory?: CashHistory & { totals: PlatformTotal[]; unread: number };
    };

export type ParseResult =
  | {
      ok: true;
      preset: PresetId;
      presetLabel: string;
      trades: ClosedTrade[];
      openLots: OpenLot[];
      /** Closes with no known opening position: in no P&L, and (when wholly unmatched) not remembered, so a re-import after earlier history reads them again. */
      unopened: UnopenedClose[];
      /** Lines closed against an opening price the trader entered. */
      pricedLines: number[];
      /** Sales the trader said opened a short, that did. */
      shortedLines: number[];
      /** Open positions a report of closed trades lists: shown, not imported. */
      openPositions: OpenPosition[];
      warnings: string[];
      /** The platform's own totals the file carries, to compare with what its trades add up to. */
      platformTotals: PlatformTotal[];
      fillKeys: string[];
      fills: number;
      skippedKnownFills: number;
      problems: RowProblem[];
      notes: string[];
      candidates: PresetCandidateView[];
    }
  | Extract<ReadResult, { ok: false }>;

/**
 * A broker file in, closed trades out: decode, recognise or apply the preset or mapping, read
 * every row (each unusable one becomes a problem with its line and why), then match fills FIFO
 * together with what earlier imports left open. Pure: nothing is written.
 */
export function parseImport(request: ReadRequest & MatchState): ParseResult {
  const read = readImportFile(request);
  return read.ok ? matchImport(read, request) : read;
}

const candidateView = (c: Candidate): PresetCandidateView => ({ preset: c.preset.id, label: c.preset.label, confidence: c.confidence, reason: c.reason });
/** A saved mapping whose header is the file's: as sure as a preset that knows every column. */
const mappingCandidate = (m: SavedMapping): PresetCandidateView => ({
  preset: 'generic',
  mappingName: m.name,
  label: `Your mapping “${m.name}”`,
  confidence: 'certain',
  reason: `its header is the one your mapping “${m.name}” was saved for`,
});

/**
 * Decoding and reading rows; the fills' keys are then known, to ask which were imported before.
 * On `auto`, a preset is applied only when it alone is certain of the file; otherwise the
 * result is the candidates, for the trader to choose among.
 */
export function readImportFile(request: ReadRequest): ReadResult {
  const opened = openImportFile(request.fileName ?? 'file', request.bytes);
  if (!opened.ok) return { ok: false, message: opened.message, problems: [], candidates: [] };
  const file = opened.file;
  const context: PresetContext = { timeZone: request.timeZone, decimalStyle: request.decimalStyle ?? 'auto', pointValues: request.pointValues ?? {} };
  const candidates = request.preset === 'generic' ? [] : detectPresets(file);
  const fitting = request.preset === 'auto' ? (request.savedMappings ?? []).filter((m) => mappingFits(file, m.mapping)) : [];
  const views = [...fitting.map(mappingCandidate), ...candidates.map(candidateView)];
  const refuse = (message: string, needsChoice?: true): ReadResult => ({
    ok: false,
    message,
    problems: [],
    candidates: views,
    ...(needsChoice && { needsChoice }),
  });
  // A cash or balance history is never read as trades, by a mapping or on auto when no reader alone is certain of it.
  const certainReaders = fitting.length + candidates.filter((c) => c.confidence === 'certain').length;
  if (request.preset === 'generic' || (request.preset === 'auto' && certainReaders !== 1)) {
    const cashHistory = recogniseCashHistory(file.head);
    if (cashHistory)
      return {
        ok: false,
        message: cashHistoryMessage(cashHistory),
        problems: [],
        candidates: views,
        cashHistory: { ...cashHistory, ...readCashTotals(file, cashHistory, request.timeZone) },
      };
  }

  // Every reader that could be applied: the one asked for, or on auto those certain of the file.
  type Reader = { preset: PresetId; label: string; read(): PresetOutput };
  const asMapping = (mapping: GenericMapping, label: string): Reader => ({ preset: 'generic', label, read: () => readGeneric(file, mapping, context) });
  const asPreset = (definition: PresetDefinition): Reader => ({ preset: definition.id, label: definition.label, read: () => definition.read(file, context) });
  let reader: Reader;
  if (request.preset === 'generic') {
    if (!request.mapping) return refuse('Map the file’s columns first.');
    reader = asMapping(request.mapping, GENERIC_LABEL);
  } else if (request.preset !== 'auto') {
    const definition = presetById(request.preset);
    if (!definition) return refuse(`There is no format called “${request.preset}”.`);
    reader = asPreset(definition);
  } else {
    const certain = [
      ...fitting.map((m) => asMapping(m.mapping, `Your mapping “${m.name}”`)),
      ...candidates.filter((c) => c.confidence === 'certain').map((c) => asPreset(c.preset)),
    ];
    if (certain.length !== 1) {
      if (headerOnly(file)) return refuse('The file has a header and no rows: it has no trades in it, and there is nothing to import.');
      return refuse(chooseMessage(views), true);
    }
    reader = certain[0]!;
  }
  const output = storableOnly(reader.read());
  const problems = [...file.csvProblems, ...output.problems].sort((a, b) => a.line - b.line);
  if (output.trades.length === 0 && output.fills.length === 0 && !output.events?.length && problems.length === 0)
    return refuse(['The file has no trades in it: there is nothing to import.', ...output.notes].join(' '));
  return { ok: true, preset: reader.preset, presetLabel: reader.label, output, problems, notes: [...opened.notes, ...output.notes], candidates: views };
}

/** The start of a file as the import reads it: its header row, columns, a few rows, and what recognises it. */
export function inspectFile(fileName: string, bytes: Uint8Array, savedMappings: readonly SavedMapping[]): ImportFileHead {
  const opened = openImportFile(fileName, bytes);
  if (!opened.ok) return { headerLine: null, columns: [], sample: [], candidates: [] };
  const file = opened.file;
  const header = findHeaderRow(file.head);
  const fitting = savedMappings.filter((m) => mappingFits(file, m.mapping));
  return {
    headerLine: header?.line ?? null,
    columns: header ? header.cells.filter((c) => c !== '') : [],
    sample: header
      ? file.head
          .filter((r) => r.line > header.line && !isBlank(r))
          .slice(0, 5)
          .map((r) => r.cells)
      : [],
    candidates: [...fitting.map(mappingCandidate), ...detectPresets(file).map(candidateView)],
  };
}

function chooseMessage(candidates: readonly PresetCandidateView[]): string {
  const certain = candidates.filter((c) => c.confidence === 'certain');
  if (certain.length > 1) return `This file could be read as ${certain.map((c) => c.label).join(' or as ')}. Choose which it is.`;
  if (candidates.length > 0)
    return `This file is not exactly one of the known broker exports: ${candidates[0]!.reason}. Choose a format to read it with, or map its columns.`;
  return 'This file is not one of the known broker exports. Choose a format, or map its columns.';
}

/** A CSV with one non-blank row: a report exported with nothing in it. */
function headerOnly(file: ImportFile): boolean {
  let rows = 0;
  for (const row of file.head) if (!isBlank(row) && ++rows > 1) return false;
  return rows === 1 && file.head.length > 0 && !/^\s*</.test(file.headText);
}

export function matchImport(read: Extract<ReadResult, { ok: true }>, state: MatchState): Extract<ParseResult, { ok: true }> {
  const known = state.knownFills ?? new Set<string>();
  const fresh = known.size === 0 ? read.output.fills : read.output.fills.filter((fill) => !known.has(fill.fillKey));
  const events = (read.output.events ?? []).filter((event) => !known.has(event.fillKey));
  const matched = matchFifo(fresh, state.openLots ?? [], {
    events,
    ...(state.openingPrices && { openingPrices: state.openingPrices }),
    ...(state.shortLines && { shortLines: state.shortLines }),
  });
  const untouched = new Set(matched.unopened.filter((u) => u.wholeFill).map((u) => u.fillKey));
  return {
    ok: true,
    preset: read.preset,
    presetLabel: read.presetLabel,
    trades: [...matched.trades, ...read.output.trades].sort((a, b) => a.closedAt - b.closedAt),
    openLots: matched.openLots,
    unopened: matched.unopened,
    pricedLines: matched.pricedLines,
    shortedLines: matched.shortedLines,
    openPositions: read.output.openPositions ?? [],
    warnings: read.output.warnings ?? [],
    platformTotals: read.output.platformTotals ?? [],
    fillKeys: consumedKeys(fresh, events, untouched),
    fills: read.output.fills.length,
    skippedKnownFills: read.output.fills.length - fresh.length,
    problems: read.problems,
    notes: [...read.notes, ...matched.notes],
    candidates: read.candidates,
  };
}

/** The keys of the fills and events a batch consumes (a fill left wholly unopened is not): one array, built in one pass. */
function consumedKeys(fills: readonly Fill[], events: readonly PositionEvent[], untouched: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  for (const step of fills) if (untouched.size === 0 || !untouched.has(step.fillKey)) keys.push(step.fillKey);
  for (const step of events) if (untouched.size === 0 || !untouched.has(step.fillKey)) keys.push(step.fillKey);
  return keys;
}

/**
 * Money is stored to the millionth (`money/money.ts`): a closed trade whose amounts a file
 * gives more finely than that (a shifted or damaged column, usually) is a problem on its line,
 * not a crash at commit. An amount finer only by a binary float's noise (a fee written in full
 * as `0.1399999999999999`, as tastyworks exports of 2020-2022 do) is the amount it stands for.
 */
function storableOnly(output: PresetOutput): PresetOutput {
  const fine = (amount: Decimal) => amount.decimalPlaces() > MONEY_DECIMALS;
  const denoise = (amount: Decimal) => (fine(amount) && floatNoise(amount) ? roundTradeAmount(amount) : amount);
  const fineTrade = (t: ClosedTrade) => fine(t.netPnl) || fine(t.fees) || fine(t.grossPnl);
  if (output.fills.some((f) => fine(f.fees)) || output.trades.some(fineTrade)) {
    output = {
      ...output,
      fills: output.fills.map((f) => (fine(f.fees) ? { ...f, fees: denoise(f.fees) } : f)),
      trades: output.trades.map((t) => (fineTrade(t) ? { ...t, grossPnl: denoise(t.grossPnl), fees: denoise(t.fees), netPnl: denoise(t.netPnl) } : t)),
    };
  }
  const bad = output.trades.filter(fineTrade);
  const badFills = output.fills.filter((f) => fine(f.fees));
  if (bad.length === 0 && badFills.length === 0) return output;
  const problem = (line: number, amount: Decimal) => ({
    line,
    message: `the amount ${amount.toString()} has more than ${MONEY_DECIMALS} decimals: is a column shifted?`,
  });
  return {
    ...output,
    trades: output.trades.filter((t) => !bad.includes(t)),
    fills: output.fills.filter((f) => !badFills.includes(f)),
    problems: [
      ...output.problems,
      ...bad.map((t) => problem(t.lines.at(-1)!, fine(t.netPnl) ? t.netPnl : fine(t.fees) ? t.fees : t.grossPnl)),
      ...badFills.map((f) => problem(f.line, f.fees)),
    ],
  };
}

/** Net P&L per account and currency, the figures a preview and the tests compare. */
export function totalsByAccount(
  trades: readonly ClosedTrade[],
): Array<{ account: string; currency: string | null; trades: number; gross: Decimal; fees: Decimal; net: Decimal }> {
  // Summed in integer micros (exact, and without a decimal per step); decimals only for an amount finer than micros.
  const totals = new Map<
    string,
    {
      account: string;
      currency: string | null;
      trades: number;
      gross: MicrosTotal;
      fees: MicrosTotal;
      net: MicrosTotal;
      exact: Array<{ gross: Decimal; fees: Decimal; net: Decimal }>;
    }
  >();
  for (const t of trades) {
    const key = `${t.account}\u0000${t.currency ?? ''}`;
    let entry = totals.get(key);
    if (!entry) {
      entry = { account: t.account, currency: t.currency, trades: 0, gross: new MicrosTotal(), fees: new MicrosTotal(), net: new MicrosTotal(), exact: [] };
      totals.set(key, entry);
    }
    entry.trades += 1;
    const gross = microsOf(t.grossPnl);
    const fees = microsOf(t.fees);
    const net = microsOf(t.netPnl);
    if (gross === null || fees === null || net === null) {
      entry.exact.push({ gross: t.grossPnl, fees: t.fees, net: t.netPnl });
      continue;
    }
    entry.gross.add(gross);
    entry.fees.add(fees);
    entry.net.add(net);
  }
  return [...totals.values()].map(({ exact, ...entry }) => {
    const sum = (micros: MicrosTotal, part: 'gross' | 'fees' | 'net') =>
      exact.reduce((total, amounts) => total.plus(amounts[part]), bigToDecimal(micros.value));
    return { ...entry, gross: sum(entry.gross, 'gross'), fees: sum(entry.fees, 'fees'), net: sum(entry.net, 'net') };
  });
}

/** A decimal read from a binary double printed with all its digits: within 1e-12 of the millionth it rounds to. */
function floatNoise(amount: Decimal): boolean {
  return amount.minus(roundTradeAmount(amount)).abs().lessThan(FLOAT_NOISE);
}
const FLOAT_NOISE = new Decimal('1e-12');
