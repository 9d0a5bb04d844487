import type { CsvExport } from '../contract/views.ts';
import type { Answer } from '../ipc/encoded-json.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import type { Clock } from '../time/clock.ts';
import type { CsvKind } from './csv-export.ts';

export type ExportHandlers = Handlers<'exportCsv'>;

/** Where exports are made: the composition root gives the read worker's, off the main thread. */
export interface ExportReads {
  csvExport(kind: CsvKind, now: number, signal?: AbortSignal): Promise<Answer<CsvExport>>;
}

export function exportHandlers(exports: ExportReads, clock: Clock): ExportHandlers {
  return {
    exportCsv: ({ kind }, context) => exports.csvExport(kind, clock.now(), context.signal),
  };
}
