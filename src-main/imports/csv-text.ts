import type { RowProblem } from './import-types.ts';

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * CSV rows from text that arrives in pieces (RFC 4180 quoting, `""` inside quotes, CRLF, LF or
 * CR line ends, a newline inside a quoted cell), each with the line it starts on. Rows are
 * produced as the text arrives, so a file of any size is read in bounded memory. Cells are
 * trimmed; a blank line is a row of one empty cell. A quoted cell still open at the end is a
 * problem on its row.
 */
export function* csvRows(chunks: Iterable<string>, delimiter: string, problems: RowProblem[]): Generator<CsvRow> {
  const sep = delimiter.charCodeAt(0);
  // A row's cells are made as wide as the row before, not grown from none a cell at a time: a
  // file of 100,000 rows would make 100,000 arrays twice the size they need, for the collector.
  let cells: string[] = [];
  let count = 0;
  let field = '';
  let quoted = false;
  /** Inside a quoted cell. */
  let inQuotes = false;
  /** The last character was a quote inside a quoted cell: either the end or half of `""`. */
  let quotePending = false;
  let line = 1;
  let rowLine = 1;
  let lastWasCr = false;

  for (const chunk of chunks) {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (chunk.charCodeAt(i) === QUOTE) {
            field += '"';
            i += 1;
            continue;
          }
          inQuotes = false;
          continue;
        }
        const close = chunk.indexOf('"', i);
        const part = close === -1 ? chunk.slice(i) : chunk.slice(i, close);
        for (let at = part.indexOf('\n'); at !== -1; at = part.indexOf('\n', at + 1)) line += 1;
        field += part;
        if (close === -1) break;
        quotePending = true;
        i = close + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === LF && lastWasCr) {
          lastWasCr = false;
          i += 1;
          continue;
        }
        cells[count++] = quoted ? field : field.trim();
        if (cells.length !== count) cells.length = count;
        yield { line: rowLine, cells };
        cells = new Array(count);
        count = 0;
        field = '';
        quoted = false;
        line += 1;
        rowLine = line;
        lastWasCr = c === CR;
        i += 1;
        continue;
      }
      lastWasCr = false;
      if (c === sep) {
        cells[count++] = quoted ? field : field.trim();
        field = '';
        quoted = false;
        i += 1;
        continue;
      }
      if (c === QUOTE && field.trim() === '' && !quoted) {
        field = '';
        quoted = true;
        inQuotes = true;
        i += 1;
        continue;
      }
      // A plain run up to the next delimiter or line end, taken in one slice.
      let end = i + 1;
      while (end < n) {
        const d = chunk.charCodeAt(end);
        if (d === sep || d === LF || d === CR) break;
        end += 1;
      }
      field += chunk.slice(i, end);
      i = end;
    }
  }
  if (inQuotes && !quotePending) problems.push({ line: rowLine, message: 'unreadable CSV: a quoted cell is never closed' });
  if (count > 0 || field !== '' || quoted) {
    cells[count++] = quoted ? field : field.trim();
    cells.length = count;
    yield { line: rowLine, cells };
  }
}

/** The delimiter of a CSV from its first lines: the one of comma, semicolon and tab that splits them most consistently. */
export function guessDelimiter(head: string): string {
  const lines = head
    .split(/\r?\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best = ',';
  let bestScore = 0;
  for (const candidate of [',', ';', '\t']) {
    const counts = lines.map((l) => countOutsideQuotes(l, candidate));
    const withAny = counts.filter((c) => c > 0);
    if (withAny.length === 0) continue;
    const mode = mostCommon(withAny);
    const consistent = counts.filter((c) => c === mode).length;
    const score = consistent * Math.min(mode, 50);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count += 1;
  }
  return count;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

export function isBlank(row: CsvRow): boolean {
  return row.cells.every((cell) => cell === '');
}

/** A stable key for a fill without a broker id: its content plus how often it occurred before in the file. */
export function occurrenceKeys(): (content: string) => string {
  const seen = new Set<string>();
  const repeated = new Map<string, number>();
  return (content) => {
    // Most contents (an execution id) occur once: one lookup tells a first occurrence by the set
    // growing. The set holds the first keys, which the fills keep anyway, not the contents beside them.
    const first = `${content}#1`;
    const size = seen.size;
    seen.add(first);
    if (seen.size > size) return first;
    const n = (repeated.get(content) ?? 1) + 1;
    repeated.set(content, n);
    return `${content}#${n}`;
  };
}
