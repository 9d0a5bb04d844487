import type { Handlers } from '../ipc/handler-types.ts';
import { toIso, type Clock } from '../time/clock.ts';
import type { CsvSource } from './csv-export.ts';

export type ExportHandlers = Handlers<'exportCsv'>;

/** `csv` runs where the composition root puts it: the read worker, off the main thread. */
export function exportHandlers(csv: CsvSource, clock: Clock): ExportHandlers {
  return {
    exportCsv: async ({ kind }, context) => ({ fileName: `sessionguard-${kind}-${toIso(clock.now()).slice(0, 10)}.csv`, content: await csv(kind, context.signal) }),
  };
}
