import { createHash, randomUUID } from 'node:crypto';
import type { GenericMapping } from '../contract/import-schemas.ts';
import type {
  CorrectionResult,
  ImportBatchView,
  ImportFileHead,
  ImportFormatChoice,
  ImportPresetView,
  ImportPreview,
  ImportResult,
  PointValuesView,
  ReconciliationView,
  SavedMapping,
} from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { bigToMoneyString, Decimal, fromMicros, MicrosTotal, toMoneyString } from '../money/money.ts';
import { ActiveProfileCache } from '../profiles/active-profile.ts';
import { requireActiveProfile } from '../profiles/profile-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow, ReadDb, WriteTx } from '../storage/tables.ts';
import { toIso, type Clock } from '../time/clock.ts';
import { planRecording, replanned, type RecordingPlan } from '../trades/recording-plan.ts';
import { recordPlan, recordTrades, type RecordingResult, type TradeInput } from '../trades/trade-recording.ts';
import { voidTrades } from '../trades/trade-voiding.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import { textOf } from './exact-micros.ts';
import { matchFifo } from './fifo-matcher.ts';
import { knownFillKeys, listBatches, listMappings, loadOpenLots, pointValueOverrides, recordBatch, undoBatchRecord } from './import-repository.ts';
import type { ClosedTrade, Fill, PlatformTotal } from './import-types.ts';
import { inspectFile, matchImport, readImportFile, totalsByAccount, type ReadRequest, type ReadResult } from './parse-import.ts';
import { mappingErrors } from './presets/generic-mapping.ts';
import { PRESET_DEFINITIONS } from './presets/preset-registry.ts';
import { BUILT_IN_POINT_VALUES } from './point-values.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';

/** A file to preview: its bytes as read, and how to read them. */
export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  preset: ReadRequest['preset'];
  mapping?: GenericMapping;
  /** The zone of the file's local times; the profile's when absent. */
  timeZone?: string;
  /** Opening prices the trader entered for closes with no known opening position, by line. */
  openingPrices?: ReadonlyArray<{ line: number; price: string }>;
  /** Sales with no known opening position that the trader says opened a short, by line. */
  shortLines?: readonly number[];
}
const PREVIEW_ROWS = 300;
const PREVIEWS_KEPT = 5;
const IMPORT_HISTORY_ROWS = 200;
const PREVIEW_TTL_MS = 30 * 60_000;

interface PendingImport {
  profileId: number;
  fileName: string;
  fileHash: string;
  /**
   * How the file was read. A commit that finds the fills or open lots changed since the preview
   * reads it again and matches it inside its transaction; the fills the preview read are not
   * kept for that rarer case (100,000 of them are 16 MB the collector would mark meanwhile).
   */
  request: ReadRequest;
  /** The keys of the file's fills and events, to ask which of them are imported by the time of the commit. */
  fileKeys: string[];
  /** What the trader said in the preview about closes with no known opening, applied again by the commit. */
  answers: OpeningAnswers;
  matched: MatchedImport;
  /** The recording plan the preview showed, and the database's version it was read from (null if it moved meanwhile). */
  plan: RecordingPlan;
  dataVersion: number | null;
  createdAt: number;
}

/** A fill delivered live (the feed): what a broker file's row holds, keyed by the sender's id. */
export type LiveFill = Pick<Fill, 'account' | 'symbol' | 'side' | 'quantity' | 'price' | 'fees' | 'time'> & {
  key: string;
  /** As the sender gave it, or as the feed found it in the point-value table. */
  pointValue: Decimal;
};

export interface LiveFillsOutcome {
  recording: RecordingResult;
  /** Fills already delivered before (same key): skipped. */
  skippedFills: number;
  openLots: number;
}

/** For closes with no known opening position: the prices the trader entered, the sales that opened shorts. */
interface OpeningAnswers {
  openingPrices: ReadonlyMap<number, Decimal>;
  shortLines: ReadonlySet<number>;
}

interface MatchedImport {
  fingerprint: string;
  parsed: ReturnType<typeof matchImport>;
  /**
   * The trades in the account's currency. Turned into the recording path's inputs where they
   * are recorded or planned, not kept as such: a kept preview of 100,000 fills holds 50,000
   * trades already, and its plan's rows, and every object it keeps is copied by the collector.
   */
  accepted: ClosedTrade[];
  /** The trades in another currency, each a problem on its line. */
  currencyProblems: Array<{ line: number; message: string }>;
}

/**
 * Broker files in two steps: a preview that writes nothing (what will be imported, into which
 * sessions, and every row that can't be, with its line), then a commit that imports all of it
 * in one transaction through the same recording path as manual trades, or nothing at all.
 */
export class ImportService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };
  /** For the live feed's fills, which arrive one by one on the way to a breach: the recording path's cached read. */
  private readonly profile: ActiveProfileCache;
  private readonly pending = new Map<string, PendingImport>();
  /** Previews of cash and balance histories: shown for reconciling, never committed. */
  private readonly reconciling = new Set<string>();

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
    this.profile = new ActiveProfileCache(deps.storage);
  }

  /**
   * The preview of a file, or, on `auto` when no format alone is certain of it, the formats to
   * choose from. A named preset or a mapping always gives a preview (or a refusal).
   */
  async preview<P extends string>(request: ImportFile & { preset: P }): Promise<'auto' extends P ? ImportPreview | ImportFormatChoice : ImportPreview> {
    return (await this.previewOrChoice(request)) as 'auto' extends P ? ImportPreview | ImportFormatChoice : ImportPreview;
  }

  private async previewOrChoice(request: ImportFile): Promise<ImportPreview | ImportFormatChoice> {
    // Taken before anything is read: the same after the plan, everything the preview read was of one state.
    const versionBefore = this.deps.storage.dataVersion();
    const db = this.deps.storage.read;
    const profile = await requireActiveProfile(db);
    const bytes = request.bytes;
    const readRequest: ReadRequest = {
      bytes,
      fileName: request.fileName,
      preset: request.preset,
      ...(request.mapping && { mapping: request.mapping }),
      timeZone: request.timeZone ?? profile.timeZone,
      pointValues: await pointValueOverrides(db, profile.id),
      savedMappings: await listMappings(db, profile.id),
    };
    if (request.preset === 'generic' && request.mapping) {
      const errors = mappingErrors(request.mapping);
      if (errors.length > 0)
        throw new AppError('validation', errors[0]!.message, {
          field: errors[0]!.field,
          fieldErrors: errors.map((e) => ({ ...e, code: 'mapping_incomplete' })),
        });
    }
    const answers: OpeningAnswers = {
      openingPrices: new Map((request.openingPrices ?? []).map((p) => [p.line, new Decimal(p.price)])),
      shortLines: new Set(request.shortLines ?? []),
    };
    const read = await this.readAndMatch(db, profile, readRequest, answers);
    if (!read.ok && read.needsChoice) return { kind: 'choose', fileName: request.fileName, message: read.message, candidates: read.candidates };
    if (!read.ok && read.cashHistory && read.cashHistory.totals.length > 0)
      return this.reconcileOnly(db, profile, request.fileName, readRequest.timeZone, read.message, read.cashHistory);
    if (!read.ok) throw new AppError('import_failed', read.message, { details: { problems: read.problems.length } });
    const { matched, fileKeys } = read;
    const parsed = matched.parsed;

    const { accepted, currencyProblems: problems } = matched;
    // The recording's own plan: the sessions, duplicates and stops shown are what the commit will do.
    const plan = await planRecording(db, profile, accepted.map(toInput), this.deps.clock.now());
    const previewId = randomUUID();
    this.keep(previewId, {
      profileId: profile.id,
      fileName: request.fileName,
      fileHash: createHash('sha256').update(bytes).digest('hex'),
      request: readRequest,
      fileKeys,
      answers,
      matched,
      plan,
      dataVersion: this.deps.storage.dataVersion() === versionBefore ? versionBefore : null,
      createdAt: this.deps.clock.now(),
    });

    const rowOf = (index: number) => plan.rowOfInput[index] ?? null;
    const summary = sessionSummary(plan);
    // A row is planned for each input that is not a duplicate.
    const newTradeCount = plan.rows.length;
    return {
      kind: 'preview',
      previewId,
      fileName: request.fileName,
      preset: parsed.preset,
      presetLabel: parsed.presetLabel,
      timeZone: readRequest.timeZone,
      tradeCount: accepted.length,
      newTradeCount,
      duplicateCount: accepted.length - newTradeCount,
      // The new trades' sum, in the micros the plan already holds for them.
      totalPnl: bigToMoneyString(summary.total),
      fills: parsed.fills,
      skippedKnownFills: parsed.skippedKnownFills,
      openLotsAfter: parsed.openLots.length,
      byAccount: totalsByAccount(parsed.trades).map((t) => ({
        account: t.account,
        currency: t.currency,
        trades: t.trades,
        gross: toMoneyString(t.gross),
        fees: toMoneyString(t.fees),
        net: toMoneyString(t.net),
      })),
      sessions: summary.sessions,
      trades: accepted.slice(0, PREVIEW_ROWS).map((t, index) => ({
        lines: t.lines,
        account: t.account,
        symbol: t.symbol,
        side: t.side,
        quantity: t.quantity?.toString() ?? null,
        entryPrice: t.entryPrice?.toString() ?? null,
        exitPrice: t.exitPrice?.toString() ?? null,
        closedAt: toIso(t.closedAt),
        fees: toMoneyString(t.fees),
        netPnl: toMoneyString(t.netPnl),
        sessionId: rowOf(index) === null ? null : plan.rows[rowOf(index)!]!.sessionId,
        duplicate: rowOf(index) === null,
      })),
      problems: [...parsed.problems, ...problems].sort((a, b) => a.line - b.line),
      notes: parsed.notes,
      candidates: parsed.candidates,
      warnings: parsed.warnings,
      openPositions: parsed.openPositions.map((p) => ({
        line: p.line,
        account: p.account,
        symbol: p.symbol,
        quantity: p.quantity.toString(),
        price: p.price?.toString() ?? null,
      })),
      unopened: [...parsed.unopened]
        .sort((a, b) => a.line - b.line)
        .slice(0, PREVIEW_ROWS)
        .map((u) => ({
          line: u.line,
          account: u.account,
          symbol: u.symbol,
          side: u.side,
          quantity: u.quantity.toString(),
          price: u.price.toString(),
          time: toIso(u.time),
        })),
      openingPrices: parsed.pricedLines.map((line) => ({ line, price: answers.openingPrices.get(line)!.toString() })),
      shortLines: parsed.shortedLines,
      reconciliation:
        parsed.platformTotals.length === 0 ? null : reconciliationView('file', reconcile(parsed.platformTotals, parsed.trades, readRequest.timeZone)),
    };
  }

  /**
   * A cash or balance history alone: never trades. Its daily trading totals are set beside the
   * trades already recorded for the same accounts and days, in a preview with nothing to import.
   */
  private async reconcileOnly(
    db: ReadDb,
    profile: ProfileRow,
    fileName: string,
    timeZone: string,
    message: string,
    found: { kind: 'cash' | 'balance'; totals: PlatformTotal[]; unread: number },
  ): Promise<ImportPreview> {
    const days = found.totals.map((t) => t.day!).sort();
    // A day in any zone lies within a day and a half of its UTC midnight; the exact day is taken below.
    const from = Date.parse(`${days[0]}T00:00:00Z`) - 36 * 3_600_000;
    const to = Date.parse(`${days.at(-1)}T00:00:00Z`) + 60 * 3_600_000;
    const rows = await db
      .selectFrom('trade')
      .select(['account', 'closedAt', 'realizedPnl', 'fees'])
      .where('userId', '=', profile.id)
      .where('voidedAt', 'is', null)
      .where('closedAt', '>=', from)
      .where('closedAt', '<', to)
      .execute();
    const recorded = rows.map((r) => ({
      account: r.account ?? '',
      closedAt: r.closedAt,
      netPnl: fromMicros(r.realizedPnl),
      grossPnl: fromMicros(r.realizedPnl).plus(fromMicros(r.fees)),
    }));
    const previewId = randomUUID();
    this.reconciling.add(previewId);
    while (this.reconciling.size > PREVIEWS_KEPT) this.reconciling.delete(this.reconciling.values().next().value!);
    return {
      kind: 'preview',
      previewId,
      fileName,
      preset: found.kind === 'cash' ? 'cash_history' : 'balance_history',
      presetLabel: found.kind === 'cash' ? 'Cash history' : 'Balance history',
      timeZone,
      tradeCount: 0,
      newTradeCount: 0,
      duplicateCount: 0,
      totalPnl: '0.00',
      fills: 0,
      skippedKnownFills: 0,
      openLotsAfter: 0,
      byAccount: [],
      sessions: [],
      trades: [],
      problems: [],
      notes: found.unread > 0 ? [`${found.unread} trading rows have an amount or a date that can't be read; they are not in the daily totals.`] : [],
      candidates: [],
      warnings: [`${message} Its daily totals are compared below with the trades already recorded for those days.`],
      openPositions: [],
      unopened: [],
      openingPrices: [],
      shortLines: [],
      reconciliation: reconciliationView('recorded', reconcile(found.totals, recorded, timeZone)),
    };
  }

  /** Where the file's header is and what its columns are called, as the import will read them. */
  async inspect(fileName: string, bytes: Uint8Array): Promise<ImportFileHead> {
    const profile = await requireActiveProfile(this.deps.storage.read);
    return inspectFile(fileName, bytes, await listMappings(this.deps.storage.read, profile.id));
  }

  presets(): ImportPresetView[] {
    return PRESET_DEFINITIONS.map((p) => ({ id: p.id, label: p.label }));
  }

  /**
   * Imports what the preview showed. When anything was written since the preview (another
   * import, a trade, a session started or stopped), the file is matched and planned again inside
   * the transaction, so a concurrent import can't double it; when nothing was, the preview's
   * match and plan are what the transaction would compute, and are recorded as they are.
   */
  async commit(previewId: string): Promise<ImportResult> {
    const pending = this.pending.get(previewId);
    if (this.reconciling.has(previewId))
      throw new AppError('validation', 'A cash or balance history is only compared with the trades recorded; nothing in it is imported as trades.');
    if (!pending) throw new AppError('not_found', 'This preview has expired; choose the file again.');
    const outcome = await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      if (profile.id !== pending.profileId) throw new AppError('validation', 'The profile changed since the preview; choose the file again.');
      // Read before this transaction writes anything.
      const unchanged = pending.dataVersion !== null && this.deps.storage.dataVersion() === pending.dataVersion;
      const { parsed, accepted } = unchanged
        ? pending.matched
        : await this.match(tx, profile, pending.fileKeys, () => readAgain(pending.request), pending.answers, pending.matched);
      const now = this.deps.clock.now();
      const batchId = await recordBatch(tx, {
        userId: profile.id,
        fileName: pending.fileName,
        preset: parsed.preset,
        fileHash: pending.fileHash,
        tradeCount: accepted.length,
        fillCount: parsed.fills,
        fillKeys: parsed.fillKeys,
        openLots: parsed.openLots,
        importedAt: now,
      });
      const plan = unchanged ? replanned(pending.plan, now, batchId) : null;
      const recording = plan
        ? await recordPlan(tx, profile, plan, now)
        : await recordTrades(
            tx,
            profile,
            accepted.map((trade) => ({ ...toInput(trade), batchId })),
            now,
          );
      return { batchId, recording, openLots: parsed.openLots.length };
    });
    this.pending.delete(previewId);
    this.deps.bus.emitAll(outcome.recording.events);
    return {
      batchId: outcome.batchId,
      recorded: outcome.recording.trades.length,
      duplicates: outcome.recording.duplicates,
      breached: outcome.recording.breached,
      openLots: outcome.openLots,
    };
  }

  /**
   * Fills from a live source, matched FIFO together with what earlier files and deliveries left
   * open, and recorded with any closed trades sent alongside, in one transaction. Each closing
   * fill becomes a trade through the same recording path as everything else. `keep` writes what
   * the caller keeps of the fills (the feed: what each execution was) first, in that transaction.
   */
  async recordLiveFills(
    fills: readonly LiveFill[],
    trades: readonly TradeInput[],
    keep?: (tx: WriteTx, profile: ProfileRow) => Promise<void>,
  ): Promise<LiveFillsOutcome> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const profile = await this.profile.current(tx);
      await keep?.(tx, profile);
      const parsed = fills.map(toFill);
      const known = await knownFillKeys(
        tx,
        profile.id,
        parsed.map((f) => f.fillKey),
      );
      const fresh = parsed.filter((f) => !known.has(f.fillKey));
      const matched = matchFifo(fresh, await loadOpenLots(tx, profile.id));
      const now = this.deps.clock.now();
      let batchId: number | null = null;
      if (fresh.length > 0) {
        const fillKeys = fresh.map((f) => f.fillKey);
        batchId = await recordBatch(tx, {
          userId: profile.id,
          fileName: 'live feed',
          preset: 'live_feed',
          fileHash: createHash('sha256').update(fillKeys.join('\n')).digest('hex'),
          tradeCount: matched.trades.length,
          fillCount: fresh.length,
          fillKeys,
          openLots: matched.openLots,
          importedAt: now,
        });
      }
      const recording = await recordTrades(tx, profile, [...trades, ...matched.trades.map((t) => ({ ...toInput(t), source: 'feed' as const, batchId }))], now);
      // With no new fill, matching changed nothing: the lots still open are the ones loaded.
      return { recording, skippedFills: parsed.length - fresh.length, openLots: matched.openLots.length };
    });
    this.deps.bus.emitAll(outcome.recording.events);
    return outcome;
  }

  /** The imports so far, newest first, with whether each can still be undone. */
  async history(): Promise<ImportBatchView[]> {
    const db = this.deps.storage.read;
    const profile = await requireActiveProfile(db);
    const batches = await listBatches(db, profile.id, IMPORT_HISTORY_ROWS);
    return batches.map((batch) => ({
      batchId: batch.id,
      fileName: batch.fileName,
      preset: batch.preset,
      importedAt: toIso(batch.importedAt),
      tradeCount: batch.tradeCount,
      fillCount: batch.fillCount,
      undoneAt: batch.undoneAt === null ? null : toIso(batch.undoneAt),
      undoBlockedBy: undoBlocker(batch, batches),
    }));
  }

  /**
   * Takes a committed import back as a whole: its trades are voided (every session they were
   * in is recomputed by the ledger; a stop stays a stop and a lockout keeps running), its fills
   * are forgotten and the open positions are as they were before it.
   */
  async undo(batchId: number): Promise<CorrectionResult> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const batches = await listBatches(tx, profile.id, Number.MAX_SAFE_INTEGER);
      const batch = batches.find((b) => b.id === batchId);
      if (!batch) throw new AppError('not_found', `Import ${batchId} does not exist.`);
      const blocker = undoBlocker(batch, batches);
      if (blocker) throw new AppError('invalid_transition', blocker);
      const now = this.deps.clock.now();
      const trades = await tx.selectFrom('trade').select('id').where('batchId', '=', batch.id).where('voidedAt', 'is', null).execute();
      const voided = await voidTrades(
        tx,
        profile,
        trades.map((t) => t.id),
        `Import of ${batch.fileName} undone by the trader`,
        now,
      );
      await undoBatchRecord(tx, batch, now);
      return voided;
    });
    this.deps.bus.emitAll(outcome.events);
    return { voided: outcome.voided.length, recorded: null, sessions: outcome.sessions.map(rowToSession), breached: outcome.breached };
  }

  async mappings(): Promise<SavedMapping[]> {
    const profile = await requireActiveProfile(this.deps.storage.read);
    return listMappings(this.deps.storage.read, profile.id);
  }

  async saveMapping(name: string, mapping: SavedMapping['mapping']): Promise<SavedMapping[]> {
    await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const json = JSON.stringify(mapping);
      const now = this.deps.clock.now();
      await tx
        .insertInto('import_mapping')
        .values({ userId: profile.id, name, mapping: json, updatedAt: now })
        .onConflict((oc) => oc.columns(['userId', 'name']).doUpdateSet({ mapping: json, updatedAt: now }))
        .execute();
    });
    return this.mappings();
  }

  async deleteMapping(name: string): Promise<SavedMapping[]> {
    await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      await tx.deleteFrom('import_mapping').where('userId', '=', profile.id).where('name', '=', name).execute();
    });
    return this.mappings();
  }

  async pointValues(): Promise<PointValuesView> {
    const profile = await requireActiveProfile(this.deps.storage.read);
    return { builtIn: { ...BUILT_IN_POINT_VALUES }, overrides: await pointValueOverrides(this.deps.storage.read, profile.id) };
  }

  async setPointValue(root: string, value: string | null): Promise<PointValuesView> {
    if (value !== null && !new Decimal(value).greaterThan(0))
      throw new AppError('validation', 'A point value must be more than 0.', {
        field: 'value',
        fieldErrors: [{ field: 'value', code: 'invalid_point_value', message: 'A point value must be more than 0.' }],
      });
    await this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const key = root.toUpperCase();
      if (value === null) await tx.deleteFrom('point_value').where('userId', '=', profile.id).where('root', '=', key).execute();
      else
        await tx
          .insertInto('point_value')
          .values({ userId: profile.id, root: key, value })
          .onConflict((oc) => oc.columns(['userId', 'root']).doUpdateSet({ value }))
          .execute();
    });
    return this.pointValues();
  }

  /** The file read and matched: what the preview keeps of it (the fills read end with the match). */
  private async readAndMatch(
    db: ReadDb,
    profile: ProfileRow,
    request: ReadRequest,
    answers: OpeningAnswers,
  ): Promise<Extract<ReadResult, { ok: false }> | { ok: true; matched: MatchedImport; fileKeys: string[] }> {
    const read = readImportFile(request);
    if (!read.ok) return read;
    const fileKeys = [...read.output.fills, ...(read.output.events ?? [])].map((f) => f.fillKey);
    return { ok: true, matched: await this.match(db, profile, fileKeys, () => read, answers), fileKeys };
  }

  /**
   * Matches the file against the fills and open lots stored now. The state it matched against
   * is kept as a fingerprint: a commit that finds the same state reuses the preview's match
   * instead of reading and matching 100,000 fills again.
   */
  private async match(
    db: ReadDb,
    profile: ProfileRow,
    fileKeys: readonly string[],
    read: () => Extract<ReadResult, { ok: true }>,
    answers: OpeningAnswers,
    previous?: MatchedImport,
  ): Promise<MatchedImport> {
    const known = await knownFillKeys(db, profile.id, fileKeys);
    const openLots = await loadOpenLots(db, profile.id);
    const fingerprint = createHash('sha256')
      .update([...known].sort().join('\n'))
      .update(JSON.stringify(openLots))
      .update(profile.currency)
      .digest('hex');
    if (previous?.fingerprint === fingerprint) return previous;
    const parsed = matchImport(read(), { openLots, knownFills: known, ...answers });
    const { accepted, problems } = splitByCurrency(parsed.trades, profile.currency);
    return { fingerprint, parsed, accepted, currencyProblems: problems };
  }

  private keep(id: string, pending: PendingImport): void {
    for (const [key, value] of this.pending) if (pending.createdAt - value.createdAt > PREVIEW_TTL_MS) this.pending.delete(key);
    this.pending.set(id, pending);
    while (this.pending.size > PREVIEWS_KEPT) this.pending.delete(this.pending.keys().next().value!);
  }
}

/** The file of a preview read again for its commit: the same bytes, read the same way, as the preview read them. */
function readAgain(request: ReadRequest): Extract<ReadResult, { ok: true }> {
  const read = readImportFile(request);
  if (!read.ok) throw new AppError('internal', `The file read at the preview can't be read again: ${read.message}`);
  return read;
}

function reconciliationView(against: ReconciliationView['against'], rows: readonly Reconciliation[]): ReconciliationView {
  return {
    against,
    rows: rows.map((r) => ({
      label: r.label,
      account: r.account,
      day: r.day,
      basis: r.basis,
      platform: toMoneyString(r.platform),
      ours: toMoneyString(r.ours),
      difference: toMoneyString(r.difference),
    })),
    differences: rows.filter((r) => !r.difference.isZero()).length,
  };
}

/** Trades in another currency than the account's can't join its P&L; they are listed as problems. */
function splitByCurrency(trades: ClosedTrade[], currency: string): { accepted: ClosedTrade[]; problems: Array<{ line: number; message: string }> } {
  const accepted: ClosedTrade[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  for (const trade of trades) {
    if (trade.currency === null || trade.currency === currency) accepted.push(trade);
    else problems.push({ line: trade.lines.at(-1)!, message: `this trade is in ${trade.currency}, but the account is in ${currency}; it is not imported` });
  }
  return { accepted, problems };
}

/**
 * What the import does to each session it touches (and the trades that fall in none), from the
 * recording plan, and the new trades' total: one pass over the plan's rows for both.
 */
function sessionSummary(plan: RecordingPlan): { sessions: ImportPreview['sessions']; total: bigint } {
  const groups = new Map<number | null, { trades: number; pnl: MicrosTotal }>();
  const total = new MicrosTotal();
  for (const row of plan.rows) {
    let group = groups.get(row.sessionId);
    if (!group) {
      group = { trades: 0, pnl: new MicrosTotal() };
      groups.set(row.sessionId, group);
    }
    group.trades += 1;
    group.pnl.add(row.realizedPnl);
    total.add(row.realizedPnl);
  }
  // The running session the import stops by its daily loss limit without a trade of its own in it.
  for (const planned of plan.sessions) if (!groups.has(planned.session.id)) groups.set(planned.session.id, { trades: 0, pnl: new MicrosTotal() });
  const sessions = [...groups].map(([sessionId, group]) => {
    const planned = plan.sessions.find((s) => s.session.id === sessionId);
    return {
      sessionId,
      status: planned?.session.status ?? null,
      trades: group.trades,
      pnl: bigToMoneyString(group.pnl.value),
      wouldBreach: planned?.outcome.stop != null,
    };
  });
  return { sessions, total: total.value };
}

/**
 * Why a batch can't be undone, or null. Open positions run from one batch of fills to the
 * next, so a batch with fills is undone only when no later batch with fills still stands.
 */
function undoBlocker(
  batch: { id: number; fillCount: number; undoneAt: number | null },
  batches: ReadonlyArray<{ id: number; fillCount: number; undoneAt: number | null; fileName: string }>,
): string | null {
  if (batch.undoneAt !== null) return 'This import was already undone.';
  if (batch.fillCount === 0) return null;
  const later = batches.find((b) => b.id > batch.id && b.undoneAt === null && b.fillCount > 0);
  return later ? `Undo the later import "${later.fileName}" first: its positions continue from this one.` : null;
}

function toFill(fill: LiveFill, index: number): Fill {
  // A platform sends the fills it makes as it makes them: a sell with nothing open is its short.
  return {
    line: index + 1,
    sequence: index,
    account: fill.account,
    symbol: fill.symbol,
    side: fill.side,
    quantity: fill.quantity,
    price: fill.price,
    fees: fill.fees,
    pointValue: fill.pointValue,
    time: fill.time,
    fillKey: `feed:${fill.key}`,
    currency: null,
    effect: null,
    shortable: true,
    dateOnly: false,
  };
}

/** What the recording path gets for one matched trade (shared with the import benchmark). */
export function toInput(trade: ClosedTrade): TradeInput {
  return {
    source: 'import',
    externalId: trade.externalId,
    account: trade.account,
    symbol: trade.symbol,
    side: trade.side,
    quantity: trade.quantity ? textOf(trade.quantity) : null,
    entryPrice: trade.entryPrice ? textOf(trade.entryPrice) : null,
    exitPrice: trade.exitPrice ? textOf(trade.exitPrice) : null,
    pointValue: trade.pointValue ? textOf(trade.pointValue) : null,
    fees: trade.fees,
    realizedPnl: trade.netPnl,
    openedAt: trade.openedAt,
    closedAt: trade.closedAt,
  };
}
