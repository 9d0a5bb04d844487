import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Core } from '../../src-main/app/core.ts';
import { AppError } from '../../src-main/errors/app-error.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
export const fixturesPresent = existsSync(FIXTURES);

export interface MutatedFile {
  name: string;
  how: string;
  bytes: Buffer;
}

const splitLines = (bytes: Buffer) => bytes.toString('latin1').split(/\r?\n/);
const joinLines = (lines: string[]) => Buffer.from(lines.join('\n'), 'latin1');
const mapFields = (bytes: Buffer, change: (fields: string[]) => string[]) => joinLines(splitLines(bytes).map((line) => change(line.split(',')).join(',')));

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;

type Mutation = fc.Arbitrary<{ how: string; apply: (bytes: Buffer) => Buffer }>;

const ratio = fc.double({ min: 0, max: 1, noNaN: true });
/** Every way an export gets damaged on its way to us, each a function of the original bytes. */
const mutations: Mutation[] = [
  ratio.map((r) => ({ how: `truncated at ${(r * 100).toFixed(0)} %`, apply: (b) => b.subarray(0, Math.floor(b.length * r)) })),
  fc.array(fc.tuple(ratio, fc.nat(255)), { minLength: 1, maxLength: 40 }).map((flips) => ({
    how: `${flips.length} bytes flipped`,
    apply: (b) => {
      const copy = Buffer.from(b);
      for (const [at, value] of flips) copy[Math.min(copy.length - 1, Math.floor(at * copy.length))] = value;
      return copy;
    },
  })),
  fc.nat(40).map((column) => ({ how: `column ${column} dropped`, apply: (b) => mapFields(b, (f) => f.filter((_, i) => i !== column)) })),
  fc.tuple(fc.nat(40), fc.nat(40)).map(([x, y]) => ({
    how: `columns ${x} and ${y} swapped`,
    apply: (b) => mapFields(b, (f) => f.map((v, i) => (i === x ? (f[y] ?? v) : i === y ? (f[x] ?? v) : v))),
  })),
  fc.tuple(ratio, fc.integer({ min: 1_000, max: 3_000_000 })).map(([at, size]) => ({
    how: `a ${size}-byte field`,
    apply: (b) => {
      const lines = splitLines(b);
      const row = Math.floor(at * lines.length);
      lines[row] = `${'9'.repeat(size)},${lines[row] ?? ''}`;
      return joinLines(lines);
    },
  })),
  fc.constantFrom('utf16le', 'utf16be', 'windows-1252', 'utf8-bom').map((encoding) => ({
    how: `re-encoded as ${encoding}`,
    apply: (b) => {
      const text = b.toString('utf8').replace(/USD/, 'US€');
      if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      if (encoding === 'utf16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      return Buffer.from(text.replace('€', '\x80'), 'latin1');
    },
  })),
  fc.constantFrom('zip', 'xlsx', 'pdf', 'png', 'binary').map((kind) => ({
    how: `a ${kind} renamed .csv`,
    apply: (b) => {
      const magic = {
        zip: [0x50, 0x4b, 0x03, 0x04],
        xlsx: [0x50, 0x4b, 0x03, 0x04],
        pdf: [0x25, 0x50, 0x44, 0x46],
        png: [0x89, 0x50, 0x4e, 0x47],
        binary: [0x00, 0x01, 0x02, 0x03],
      }[kind];
      return Buffer.concat([Buffer.from(magic), b.subarray(0, 512), Buffer.alloc(64)]);
    },
  })),
  fc.constant({ how: 'XML with entity expansion', apply: () => Buffer.from(BILLION_LAUGHS) }),
  fc.tuple(ratio, fc.integer({ min: 2, max: 2_000 })).map(([at, times]) => ({
    how: `a row repeated ${times} times`,
    apply: (b) => {
      const lines = splitLines(b);
      const row = 1 + Math.floor(at * (lines.length - 1));
      lines.splice(row, 0, ...Array.from({ length: times }, () => lines[row] ?? ''));
      return joinLines(lines);
    },
  })),
  fc.constantFrom('no header', 'CRLF', 'only blank lines', 'quotes unbalanced', 'semicolons').map((how) => ({
    how,
    apply: (b) => {
      const lines = splitLines(b);
      if (how === 'no header') return joinLines(lines.slice(1));
      if (how === 'CRLF') return Buffer.from(lines.join('\r\n'), 'latin1');
      if (how === 'only blank lines') return Buffer.from('\n\n\n  \n');
      if (how === 'quotes unbalanced') return joinLines(lines.map((l, i) => (i % 3 === 1 ? `"${l}` : l)));
      return joinLines(lines.map((l) => l.replaceAll(',', ';')));
    },
  })),
];

/** `count` damaged copies of the real broker files, reproducible from `seed`. */
export function mutatedFiles(count: number, seed: number): MutatedFile[] {
  const originals = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }));
  const pick = fc.tuple(fc.constantFrom(...originals.map((_, i) => i)), fc.oneof(...mutations), fc.option(fc.oneof(...mutations), { freq: 4 }));
  return fc.sample(pick, { numRuns: count, seed }).map(([index, first, second]) => {
    const original = originals[index]!;
    const once = first.apply(original.bytes);
    return { name: original.name, how: second ? `${first.how}, then ${second.how}` : first.how, bytes: second ? second.apply(once) : once };
  });
}

export interface ImportFuzzReport {
  files: number;
  refused: number;
  previewed: number;
  /** Threw something other than the app's typed error, or a refusal without a message. */
  crashes: string[];
  /** A preview that wrote rows, or a commit that recorded other than what its preview showed. */
  partial: string[];
  slowestMs: number;
  peakHeapGrowthMb: number;
}

const countRows = (core: Core) =>
  core.storage.sqlite
    .prepare(
      'select (select count(*) from trade) + (select count(*) from import_batch) + (select count(*) from import_fill) + (select count(*) from open_lot) as n',
    )
    .pluck();

/**
 * Previews every file and commits what previews: a refusal must be a typed error with a
 * message and write nothing; a commit records exactly the new trades its preview showed, in
 * one transaction, or nothing.
 */
export async function fuzzImports(core: Core, files: MutatedFile[]): Promise<ImportFuzzReport> {
  const rows = countRows(core);
  const trades = core.storage.sqlite.prepare('select count(*) from trade').pluck();
  const report: ImportFuzzReport = { files: 0, refused: 0, previewed: 0, crashes: [], partial: [], slowestMs: 0, peakHeapGrowthMb: 0 };
  const baseHeap = process.memoryUsage().heapUsed;
  for (const file of files) {
    report.files += 1;
    const label = `${file.name} (${file.how})`;
    const before = rows.get() as number;
    const started = performance.now();
    try {
      const preview = await core.imports.preview({ fileName: file.name, bytes: file.bytes, preset: 'auto' });
      if ((rows.get() as number) !== before) report.partial.push(`${label}: the preview wrote rows`);
      if (preview.kind === 'choose') {
        report.refused += 1;
        continue;
      }
      report.previewed += 1;
      const tradesBefore = trades.get() as number;
      try {
        const result = await core.imports.commit(preview.previewId);
        const added = (trades.get() as number) - tradesBefore;
        if (result.recorded !== preview.newTradeCount || added !== result.recorded)
          report.partial.push(`${label}: previewed ${preview.newTradeCount} new trades, recorded ${result.recorded}, rows added ${added}`);
      } catch (error) {
        if (!(error instanceof AppError)) report.crashes.push(`${label}: commit threw ${(error as Error).stack}`);
        if ((trades.get() as number) !== tradesBefore) report.partial.push(`${label}: a failed commit left trades behind`);
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.message.length === 0) report.crashes.push(`${label}: ${(error as Error).stack}`);
      else report.refused += 1;
      if ((rows.get() as number) !== before) report.partial.push(`${label}: a refused file wrote rows`);
    }
    report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
    report.peakHeapGrowthMb = Math.max(report.peakHeapGrowthMb, (process.memoryUsage().heapUsed - baseHeap) / 1048576);
  }
  return report;
}
