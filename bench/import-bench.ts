import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src-main/app/core.ts';
import { toInput } from '../src-main/imports/import-service.ts';
import { parseImport } from '../src-main/imports/parse-import.ts';
import { MINUTE_MS } from '../src-main/time/clock.ts';
import { timed, type BenchRow } from './bench-table.ts';
import { insertTimes } from './insert-ratio.ts';

const FILLS = 100_000;
/** Cost as work grows (issue 15): the same file at a hundredth and a tenth of the size. */
const GROWTH_SIZES = [1_000, 10_000];
const MAPPING = {
  kind: 'fills' as const,
  columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price', fees: 'Fees', account: 'Account', id: 'Fill ID' },
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  decimalStyle: 'dot' as const,
  pointValue: 'futures',
};

/** A day and more of MNQ scalping: 100,000 one-lot fills, alternating in and out, in two accounts. */
function generatedCsv(start: number, fills = FILLS): string {
  const lines = ['Time,Symbol,Side,Qty,Price,Fees,Account,Fill ID'];
  let price = 21000;
  for (let i = 0; i < fills; i += 1) {
    price += ((i * 7919) % 9) - 4 + (i % 2 === 0 ? 0 : 0.25);
    const at = new Date(start + (i + 1) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const side = (i >> 1) % 2 === 0 ? (i % 2 === 0 ? 'Buy' : 'Sell') : i % 2 === 0 ? 'Sell' : 'Buy';
    lines.push(`${at},MNQH6,${side},1,${price.toFixed(2)},0.62,${i % 4 < 2 ? 'SIM-A' : 'SIM-B'},f${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const RUNS = 3;

/**
 * Issue "Trades in": a generated CSV of 100,000 fills imported end to end (preview: parse and
 * match; commit: parse, match, record, statistics, in one transaction) into a running 7-day
 * session, each run on a fresh database, the best of three reported (the machine is shared and
 * noisy; the best run is the one least disturbed); and the recording of those trades against
 * raw better-sqlite3 inserts of the same rows, a ratio that noise affects less.
 */
export async function importBench(log: (line: string) => void): Promise<BenchRow[]> {
  const start = Date.parse('2026-03-02T00:00:00Z');
  const growth: Array<{ fills: number; ms: number }> = [];
  for (const fills of GROWTH_SIZES) growth.push({ fills, ms: (await importRuns(start, fills, log)).best });
  const { best, trades, ratio } = await importRuns(start, FILLS, log, true);
  growth.push({ fills: FILLS, ms: best });
  const growthRows = growth.map(({ fills, ms }, i): BenchRow => {
    const previous = growth[i - 1];
    const factor = previous ? ms / previous.ms : null;
    return {
      metric: `import ${fills.toLocaleString('en-US')} fills end to end, best of ${RUNS} (${((ms * 1000) / fills).toFixed(1)} us a fill${factor === null ? '' : `; ${factor.toFixed(1)}x the ${previous!.fills.toLocaleString('en-US')} row`})`,
      value: ms,
      unit: 'ms',
      target: factor === null ? 'reported (the base of the growth rows)' : `<= ${fills / previous!.fills}x the previous row`,
      ok: factor === null || factor <= fills / previous!.fills,
    };
  });
  return [
    { metric: `import ${FILLS} fills end to end (preview + commit, ${trades} trades into the session; best of ${RUNS})`, value: best, unit: 'ms', target: '< 2000 ms', ok: best < 2000 },
    { metric: `import recording of ${trades} trades: raw better-sqlite3 time / ours`, value: ratio, unit: 'x', target: 'reported (>= 0.5 for bulk)', ok: ratio >= 0.5 },
    ...growthRows,
  ];
}

async function importRuns(start: number, fills: number, log: (line: string) => void, withRatio = false): Promise<{ best: number; trades: number; ratio: number }> {
  const csv = Buffer.from(generatedCsv(start, fills));
  log(`import: ${fills} fills, ${(csv.length / 1048576).toFixed(1)} MB, ${RUNS} runs…`);
  let best = Number.POSITIVE_INFINITY;
  let trades = 0;
  let ratio = 0;
  for (let run = 1; run <= RUNS; run += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-import-'));
    let now = start;
    const core = await openCore({ dataDir, clock: { now: () => now } });
    try {
      await core.profiles.create({ name: 'Bench', currency: 'USD', balance: '10000000.00', timeZone: 'UTC' });
      await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '30' }, acknowledgeRisk: true, start: true });
      now = start + fills * 1000 + 10 * MINUTE_MS;
      let previewId = '';
      const previewMs = await timed(async () => {
        const preview = await core.imports.preview({ fileName: 'fills.csv', bytes: csv, preset: 'generic', mapping: MAPPING, timeZone: 'UTC' });
        if (preview.problems.length > 0) throw new Error(`generated file has problems: ${preview.problems[0]!.message}`);
        previewId = preview.previewId;
        trades = preview.tradeCount;
      });
      let recorded = 0;
      const commitMs = await timed(async () => {
        recorded = (await core.imports.commit(previewId)).recorded;
      });
      const session = (await core.sessions.getActiveData())!.session;
      if (recorded !== trades || session.totalTrades !== trades) throw new Error(`recorded ${recorded} of ${trades}; the session counts ${session.totalTrades}`);
      log(`import run ${run}: preview ${previewMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms, ${trades} trades`);
      best = Math.min(best, previewMs + commitMs);
      if (withRatio && run === RUNS) ratio = await insertRatio(core, csv);
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { best, trades, ratio };
}

/** The import's recording step against raw inserts of the same rows (see insert-ratio.ts). */
async function insertRatio(core: Core, csv: Buffer): Promise<number> {
  const parsed = parseImport({ bytes: new Uint8Array(csv), preset: 'generic', mapping: MAPPING, timeZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.message);
  const inputs = parsed.trades.map((t) => ({ ...toInput(t), externalId: `again-${t.externalId}` }));
  const { ours, raw } = await insertTimes(core, inputs, core.clock.now());
  return raw / ours;
}
