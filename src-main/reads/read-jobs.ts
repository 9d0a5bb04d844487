import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from '../../migrations/index.ts';
import { snapshotDatabase } from '../backup/backup-service.ts';
import type { CsvExport } from '../contract/views.ts';
import { csvExport, type CsvKind } from '../export/csv-export.ts';
import { HistoryService } from '../history/history-service.ts';
import type { EncodedJson } from '../ipc/encoded-json.ts';
import type { ReadDb } from '../storage/tables.ts';

/**
 * The reads heavy enough to hold up the main thread, where trades are recorded and breaches
 * announced: history pages, a session's detail, the overview, CSV exports, backups. The read
 * worker runs them on its own read-only connection (WAL lets it read while the main
 * connection writes); `ReadThread` is the main thread's handle on them.
 */
export interface ReadJobs {
  historyPage: HistoryService['page'];
  sessionDetail: HistoryService['detail'];
  overview: HistoryService['overview'];
  tradesPage: HistoryService['trades'];
  discipline: HistoryService['discipline'];
  dailyPnl: HistoryService['dailyPnl'];
  pnlSummary: HistoryService['pnlSummary'];
  csvExport(kind: CsvKind, now: number): Promise<EncodedJson<CsvExport>>;
  /** A checked copy of the database at `destination` (see `snapshotDatabase`). */
  backup(destination: string): Promise<void>;
}

export type ReadJobName = keyof ReadJobs;

export function readJobs(read: ReadDb, sqlite: BetterSqlite3.Database, migrations: readonly Migration[]): ReadJobs {
  const history = new HistoryService({ storage: { read } });
  return {
    historyPage: (request) => history.page(request),
    sessionDetail: (sessionId) => history.detail(sessionId),
    overview: (request) => history.overview(request),
    tradesPage: (request) => history.trades(request),
    discipline: (request) => history.discipline(request),
    dailyPnl: (month) => history.dailyPnl(month),
    pnlSummary: (now) => history.pnlSummary(now),
    csvExport: (kind, now) => csvExport(read, kind, now),
    backup: (destination) => snapshotDatabase(sqlite, destination, migrations),
  };
}
