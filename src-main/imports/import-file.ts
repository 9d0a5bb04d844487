import { isUtf8 } from 'node:buffer';
import { csvRows, guessDelimiter, type CsvRow } from './csv-text.ts';
import type { RowProblem } from './import-types.ts';
import type { ImportFile } from './presets/preset-definition.ts';

const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export type Opened = { ok: true; file: ImportFile; notes: string[] } | { ok: false; message: string };

/**
 * A file's bytes as a broker file: refused when it is not text at all (a zip or spreadsheet, a
 * binary file, nothing in it); UTF-8 with or without BOM and UTF-16 are read as such, other
 * bytes as Windows-1252, as older European exports are written. Nothing is decoded whole until
 * a reader asks: rows are decoded and parsed a chunk at a time.
 */
export function openImportFile(name: string, bytes: Uint8Array): Opened {
  if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b)
    return { ok: false, message: 'This is a zip archive or an Excel workbook, not a CSV file. Export the report as CSV.' };
  const notes: string[] = [];
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    if (bytes.subarray(0, 65536).includes(0)) return { ok: false, message: 'This is a binary file, not a CSV export.' };
    encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
    if (encoding === 'windows-1252') notes.push('The file is not UTF-8; it was read as Windows-1252.');
  }

  const chunks = function* (limit = bytes.length): Generator<string> {
    const decoder = new TextDecoder(encoding);
    let first = true;
    for (let at = 0; at < limit; at += CHUNK_BYTES) {
      let text = decoder.decode(bytes.subarray(at, Math.min(at + CHUNK_BYTES, limit)), { stream: true });
      if (first) text = text.replace(/^\uFEFF/, '');
      first = false;
      yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  };

  const whole = bytes.length <= HEAD_BYTES;
  const headText = [...chunks(Math.min(bytes.length, HEAD_BYTES))].join('');
  if (headText.trim() === '' && whole) return { ok: false, message: 'The file has no content.' };
  const delimiter = guessDelimiter(headText);
  const headRows = [...csvRows([headText], delimiter, [])];
  // The head's last row may be cut off in the middle.
  if (!whole) headRows.pop();
  const csvProblems: RowProblem[] = [];

  const file: ImportFile = {
    name,
    head: headRows,
    headText,
    rows(): Iterable<CsvRow> {
      csvProblems.length = 0;
      return csvRows(chunks(), delimiter, csvProblems);
    },
    text(): string {
      return [...chunks()].join('');
    },
    csvProblems,
  };
  return { ok: true, file, notes };
}
