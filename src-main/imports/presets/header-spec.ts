import type { CsvRow } from '../csv-text.ts';
import type { Detection } from './preset-definition.ts';

/**
 * The columns a CSV format is known to write: those a preset needs and those it knows and
 * may ignore. Names match without regard to case or spaces; order is free.
 */
export interface HeaderSpec {
  /** The format's name as the trader knows it, for reasons ("Tradovate Fills"). */
  format: string;
  /** Each required column by its name, or by the names platform versions give it (["Account", "Account display name"]). */
  required: ReadonlyArray<string | readonly string[]>;
  optional: readonly string[];
}

const names = (entry: string | readonly string[]): readonly string[] => (typeof entry === 'string' ? [entry] : entry);
/** The name a required column is called by in messages: its first. */
const nameOf = (entry: string | readonly string[]): string => names(entry)[0]!;

/** A column's name as compared: no byte order mark, no spaces, one case, and one apostrophe (`Numéro d’ordre` is `Numéro d'ordre`). */
export const columnKey = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();

export interface HeaderMatch {
  row: CsvRow;
  /** Position of each known column (by its key) in the row. */
  positions: Map<string, number>;
  missing: string[];
  unknown: string[];
}

/** Column positions by name, so a reader reads by name whatever the order. */
export class Columns {
  private readonly positions: Map<string, number>;
  constructor(header: readonly string[]) {
    this.positions = new Map();
    header.forEach((name, i) => {
      const key = columnKey(name);
      if (key !== '' && !this.positions.has(key)) this.positions.set(key, i);
    });
  }
  has(name: string): boolean {
    return this.positions.has(columnKey(name));
  }
  /** The first of a column's names that the header has (a column platform versions name differently). */
  first(...candidates: string[]): string {
    return candidates.find((name) => this.has(name)) ?? candidates[0]!;
  }
  private readonly byName = new Map<string, number | undefined>();
  /** The cell under a column, '' when the column or the cell is absent. */
  cell(row: CsvRow, name: string): string {
    let at = this.byName.get(name);
    if (at === undefined && !this.byName.has(name)) {
      at = this.positions.get(columnKey(name));
      this.byName.set(name, at);
    }
    return at === undefined ? '' : (row.cells[at] ?? '');
  }
  /** A getter for one column, resolved once (the hot path of large files). */
  reader(name: string): (row: CsvRow) => string {
    const at = this.positions.get(columnKey(name));
    return at === undefined ? () => '' : (row) => row.cells[at] ?? '';
  }
}

/** How a row compares with a spec: which required columns it lacks and which columns it doesn't know. */
export function compareHeader(row: CsvRow, spec: HeaderSpec): HeaderMatch {
  const known = new Set([...spec.required.flatMap(names), ...spec.optional].map(columnKey));
  const present = new Map<string, number>();
  const unknown: string[] = [];
  row.cells.forEach((name, i) => {
    const key = columnKey(name);
    if (key === '') return;
    if (known.has(key)) present.set(key, i);
    else unknown.push(name);
  });
  const missing = spec.required.filter((entry) => !names(entry).some((name) => present.has(columnKey(name)))).map(nameOf);
  return { row, positions: present, missing, unknown };
}

/** The first row of the head that has every required column of the spec. */
export function findHeader(rows: Iterable<CsvRow>, spec: HeaderSpec, within = 50): HeaderMatch | null {
  let seen = 0;
  for (const row of rows) {
    if (seen++ >= within) break;
    const match = compareHeader(row, spec);
    if (match.missing.length === 0) return match;
  }
  return null;
}

/**
 * Detection by header: certain when every required column is there and every column is one the
 * format writes; likely when the required ones are there beside columns it doesn't know (never
 * applied without asking); possible when most required ones are there.
 */
export function detectByHeader(head: readonly CsvRow[], spec: HeaderSpec): Detection | null {
  const found = findHeader(head, spec);
  if (found) {
    const line = found.row.line === 1 ? 'its header' : `its header on line ${found.row.line}`;
    if (found.unknown.length === 0) return { confidence: 'certain', reason: `${line} has exactly the columns of a ${spec.format} export` };
    return {
      confidence: 'likely',
      reason: `${line} has the columns of a ${spec.format} export, and also ${quoteList(found.unknown)}, which that export doesn’t write`,
    };
  }
  let best: HeaderMatch | null = null;
  for (const row of head.slice(0, 50)) {
    const match = compareHeader(row, spec);
    if (best === null || match.missing.length < best.missing.length) best = match;
  }
  if (best && best.positions.size >= 3 && best.missing.length <= Math.floor(spec.required.length / 3)) {
    return { confidence: 'possible', reason: `it looks like a ${spec.format} export but has no ${quoteList(best.missing)} column` };
  }
  return null;
}

const RANK = { certain: 0, likely: 1, possible: 2 } as const;

/** Detection of a format that has had several layouts: the surest of its specs' detections. */
export function detectByHeaders(head: readonly CsvRow[], specs: readonly HeaderSpec[]): Detection | null {
  let best: Detection | null = null;
  for (const spec of specs) {
    const found = detectByHeader(head, spec);
    if (found && (best === null || RANK[found.confidence] < RANK[best.confidence])) best = found;
  }
  return best;
}

export function quoteList(names: readonly string[], max = 4): string {
  const quoted = names.slice(0, max).map((n) => `“${n}”`);
  const more = names.length > max ? ` and ${names.length - max} more` : '';
  return quoted.length <= 1 ? `${quoted.join('')}${more}` : `${quoted.slice(0, -1).join(', ')}${more ? `, ${quoted.at(-1)}${more}` : ` and ${quoted.at(-1)}`}`;
}
