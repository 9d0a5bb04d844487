import type { Handlers } from '../ipc/handler-types.ts';
import { requireActiveProfile } from '../profiles/profile-repository.ts';
import type { ReadDb } from '../storage/tables.ts';
import { toIso, type Clock } from '../time/clock.ts';
import { sessionsCsv, tradesCsv } from './csv-export.ts';

export type ExportHandlers = Handlers<'exportCsv'>;

export function exportHandlers(read: ReadDb, clock: Clock): ExportHandlers {
  return {
    exportCsv: async ({ kind }) => {
      const profile = await requireActiveProfile(read);
      const content = kind === 'sessions' ? await sessionsCsv(read, profile) : await tradesCsv(read, profile);
      return { fileName: `sessionguard-${kind}-${toIso(clock.now()).slice(0, 10)}.csv`, content };
    },
  };
}
