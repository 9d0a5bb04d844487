import type { CsvRow } from '../csv-text.ts';
import { htmlTableRows, looksLikeHtml } from '../html-table.ts';
import type { ImportFile } from './preset-definition.ts';

/** A MetaTrader report's rows, whether it is the HTML the terminal saves or its table saved as a CSV: the head's, or the whole file's. */
export function reportRows(file: ImportFile, whole: boolean): CsvRow[] {
  const text = whole ? file.text() : file.headText;
  if (looksLikeHtml(text)) return htmlTableRows(text);
  return whole ? [...file.rows()] : [...file.head];
}
