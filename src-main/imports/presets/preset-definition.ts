import type { CsvRow } from '../csv-text.ts';
import type { PresetOutput, RowProblem } from '../import-types.ts';
import type { PresetContext } from './preset-context.ts';

/**
 * A decoded broker file as presets see it. Detection reads only the head; a reader walks the
 * rows (parsed as it goes, so a large file is never held as rows) or, for HTML and XML
 * reports, the text.
 */
export interface ImportFile {
  readonly name: string;
  /** The first rows of the file (up to about 64 KiB of it), for detection. */
  readonly head: readonly CsvRow[];
  /** The start of the decoded text, for markup detection. */
  readonly headText: string;
  /** Every CSV row from the first line, each with the line it starts on. */
  rows(): Iterable<CsvRow>;
  /** The whole decoded text. */
  text(): string;
  /** Rows the CSV reader could not read (unbalanced quotes), seen while rows() ran. */
  readonly csvProblems: readonly RowProblem[];
}

export type Confidence = 'certain' | 'likely' | 'possible';

/** How sure a preset is that it can read a file, and why, in words the trader can check. */
export interface Detection {
  confidence: Confidence;
  reason: string;
}

export interface PresetDefinition {
  /** Stable id, stored with import batches and watched-folder settings. */
  id: string;
  label: string;
  /** Judged from headers, title rows, sections or markup; null when the file is not this format at all. */
  detect(file: ImportFile): Detection | null;
  read(file: ImportFile, context: PresetContext): PresetOutput;
}
