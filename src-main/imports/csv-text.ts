import Papa from 'papaparse';
import type { RowProblem } from './import-types.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type Decoded = { ok: true; text: string; notes: string[] } | { ok: false; message: string };

/**
 * Turns a file's bytes into text, refusing what is not a CSV at all: a zip or spreadsheet, a
 * binary file, XML, or a file over the size limit. UTF-8 (with or without BOM) and UTF-16 are
 * read as such; other bytes as Windows-1252, as older European exports are written.
 */
export function decodeFile(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: `The file is ${(bytes.length / 1048576).toFixed(1)} MB; files up to ${MAX_FILE_BYTES / 1048576} MB can be imported.` };
  if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { ok: false, message: 'This is a zip archive or an Excel workbook, not a CSV file. Export the report as CSV.' };
  let text: string;
  const notes: string[] = [];
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  } else {
    if (bytes.subarray(0, 65536).includes(0)) return { ok: false, message: 'This is a binary file, not a CSV export.' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      notes.push('The file is not UTF-8; it was read as Windows-1252.');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (/^\s*<(\?xml|!DOCTYPE|FlexQueryResponse)/i.test(text)) return { ok: false, message: 'This is an XML file. Export the report as CSV instead.' };
  if (text.trim() === '') return { ok: false, message: 'The file has no content.' };
  return { ok: true, text, notes };
}

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  cells: string[];
}

/** Every row with the line it starts on, quoted fields and all; unparseable rows become problems. */
export function readCsv(text: string): { rows: CsvRow[]; problems: RowProblem[] } {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      const line = lineAt(start);
      start = result.meta.cursor + 1;
      for (const error of result.errors) problems.push({ line, message: `unreadable CSV: ${error.message}` });
      rows.push({ line, cells: result.data.map((cell) => cell.trim()) });
    },
  });
  return { rows, problems };
}

export function isBlank(row: CsvRow): boolean {
  return row.cells.every((cell) => cell === '');
}

/** Column positions by header name, so presets read by name and say which column is missing. */
export function headerIndex(header: string[], required: readonly string[]): { ok: true; index: (name: string) => number } | { ok: false; missing: string[] } {
  const positions = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = required.filter((name) => !positions.has(name.toLowerCase()));
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, index: (name) => positions.get(name.toLowerCase()) ?? -1 };
}

/** A stable key for a fill without a broker id: its content plus how often it occurred before in the file. */
export function occurrenceKeys(): (content: string) => string {
  const seen = new Map<string, number>();
  return (content) => {
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return `${content}#${n}`;
  };
}
