import Papa from 'papaparse';
import { sql } from 'kysely';
import type { CsvExport } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { EncodedJson } from '../ipc/encoded-json.ts';
import { basisPointsToPercentString, microsToMoneyString } from '../money/money.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import type { ProfileRow, ReadDb, SessionRow, TradeRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';
import { isoInZone } from '../time/zoned.ts';

export type CsvKind = 'sessions' | 'trades';

/** Rows read and written at a time: a long history never sits in memory as rows. */
const PAGE_ROWS = 5_000;

interface CsvTable<Row> {
  fields: string[];
  /** The next page after `last`, in the export's order. */
  page(db: ReadDb, profile: ProfileRow, last: Row | undefined): Promise<Row[]>;
  cells(row: Row, profile: ProfileRow): unknown[];
}

/**
 * CSV exports a spreadsheet or another journal can read: money as exact decimal strings in
 * the account currency, instants as ISO 8601 with the profile zone's offset.
 */
const sessions: CsvTable<SessionRow> = {
  fields: [
    'id',
    'status',
    'terminationReason',
    'durationMinutes',
    'createdAt',
    'startTime',
    'plannedEndTime',
    'endTime',
    'actualDurationMinutes',
    'currency',
    'balanceAtCreation',
    'lossLimitAmount',
    'lossLimitPercentage',
    'totalTrades',
    'winningTrades',
    'losingTrades',
    'realizedPnl',
    'sessionPerformancePercentage',
  ],
  page: (db, profile, last) =>
    db
      .selectFrom('TradingSession')
      .selectAll()
      .where('userId', '=', profile.id)
      .$if(last !== undefined, (q) =>
        q.where((eb) => eb.or([eb('createdAt', '>', last!.createdAt), eb.and([eb('createdAt', '=', last!.createdAt), eb('id', '>', last!.id)])])),
      )
      .orderBy('createdAt')
      .orderBy('id')
      .limit(PAGE_ROWS)
      .execute(),
  cells: (r, profile) => {
    const time = (ms: number | null) => (ms === null ? '' : isoInZone(ms, profile.timeZone));
    return [
      r.id,
      r.status,
      r.terminationReason ?? '',
      r.durationMinutes,
      time(r.createdAt),
      time(r.startTime),
      time(r.plannedEndTime),
      time(r.endTime),
      r.actualDurationMinutes ?? '',
      profile.currency,
      microsToMoneyString(r.balanceAtCreation),
      microsToMoneyString(r.lossLimitAmount),
      basisPointsToPercentString(r.lossLimitPercentage),
      r.totalTrades,
      r.winningTrades,
      r.losingTrades,
      microsToMoneyString(r.realizedPnl),
      r.sessionPerformancePercentage === null ? '' : basisPointsToPercentString(r.sessionPerformancePercentage),
    ];
  },
};

const trades: CsvTable<TradeRow> = {
  fields: [
    'id',
    'sessionId',
    'source',
    'externalId',
    'account',
    'symbol',
    'side',
    'quantity',
    'entryPrice',
    'exitPrice',
    'pointValue',
    'currency',
    'fees',
    'realizedPnl',
    'openedAt',
    'closedAt',
    'note',
    'voidedAt',
    'voidReason',
    'importBatchId',
  ],
  page: (db, profile, last) =>
    db
      .selectFrom('trade')
      .selectAll()
      .where('userId', '=', profile.id)
      .$if(last !== undefined, (q) =>
        q.where((eb) => eb.or([eb('closedAt', '>', last!.closedAt), eb.and([eb('closedAt', '=', last!.closedAt), eb('id', '>', last!.id)])])),
      )
      .orderBy('closedAt')
      .orderBy('id')
      .limit(PAGE_ROWS)
      .execute(),
  cells: (r, profile) => [
    r.id,
    r.sessionId ?? '',
    r.source,
    r.externalId ?? '',
    r.account ?? '',
    r.symbol ?? '',
    r.side ?? '',
    r.quantity ?? '',
    r.entryPrice ?? '',
    r.exitPrice ?? '',
    r.pointValue ?? '',
    profile.currency,
    microsToMoneyString(r.fees),
    microsToMoneyString(r.realizedPnl),
    r.openedAt === null ? '' : isoInZone(r.openedAt, profile.timeZone),
    isoInZone(r.closedAt, profile.timeZone),
    r.note ?? '',
    r.voidedAt === null ? '' : isoInZone(r.voidedAt, profile.timeZone),
    r.voidReason ?? '',
    r.batchId ?? '',
  ],
};

/**
 * The active profile's sessions or trades as a CSV file named for the day `now` falls on,
 * already written as the JSON of its `CsvExport` (see EncodedJson), so it leaves the read
 * worker as bytes. The pages are read in one read transaction: the file is one moment of the record.
 */
export async function csvExport(db: ReadDb, kind: CsvKind, now: number): Promise<EncodedJson<CsvExport>> {
  const profile = await findActiveProfile(db);
  if (!profile) throw new AppError('no_profile', 'Create a profile first.');
  const fileName = `sessionguard-${kind}-${toIso(now).slice(0, 10)}.csv`;
  const head = utf8.encode(`{"fileName":${JSON.stringify(fileName)},"content":"`);
  const content = kind === 'sessions' ? await escapedCsv(db, profile, sessions) : await escapedCsv(db, profile, trades);
  return new EncodedJson(concat([head, ...content, utf8.encode('"}')]));
}

/**
 * The header, then each page of rows, joined as Papa would join them all (CRLF between lines),
 * each escaped as the inside of a JSON string and encoded before the next page is read.
 */
async function escapedCsv<Row>(db: ReadDb, profile: ProfileRow, table: CsvTable<Row>): Promise<Uint8Array[]> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      const parts = [escaped(`${Papa.unparse([table.fields])}\r\n`)];
      let last: Row | undefined;
      for (;;) {
        const rows = await table.page(conn, profile, last);
        if (rows.length === 0) break;
        parts.push(escaped(`${parts.length > 1 ? '\r\n' : ''}${Papa.unparse(rows.map((row) => table.cells(row, profile)))}`));
        last = rows.at(-1);
        if (rows.length < PAGE_ROWS) break;
      }
      return parts;
    } finally {
      await sql`COMMIT`.execute(conn);
    }
  });
}

const utf8 = new TextEncoder();

/** Text as the inside of a JSON string literal, in UTF-8. */
function escaped(text: string): Uint8Array {
  return utf8.encode(JSON.stringify(text).slice(1, -1));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((size, part) => size + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}
