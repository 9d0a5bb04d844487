import type { EarlyEndKind, EarlyEndOutcome, EarlyEndView } from '../contract/views.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import type { EarlyEndRow, ReadDb, WriteTx } from '../storage/tables.ts';
import { toIso, toIsoOrNull } from '../time/clock.ts';
import { appendEvent } from './session-events.ts';

export function rowToEarlyEnd(row: EarlyEndRow): EarlyEndView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    kind: row.kind,
    requestedAt: toIso(row.requestedAt),
    confirmableAt: toIso(row.confirmableAt),
    expiresAt: toIso(row.expiresAt),
    outcome: row.outcome,
    resolvedAt: toIsoOrNull(row.resolvedAt),
  };
}

/** The request of a session still waiting for its outcome (of one kind, or of any): the latest, should there be several. */
export async function findOpenRequest(db: ReadDb, sessionId: number, kind?: EarlyEndKind): Promise<EarlyEndRow | undefined> {
  let latest: EarlyEndRow | undefined;
  for (const row of kind ? await openRequestsOfKind(db, sessionId, kind) : await openRequests(db, sessionId))
    if (latest === undefined || row.id > latest.id) latest = row;
  return latest;
}

// Every stop asks (and the session screen's every load): compiled once. The latest is picked in
// JS, not by ORDER BY ... LIMIT 1, which SQLite compiled again at every run (15 µs against 6); a
// session has at most one waiting request of each kind (the table's partial unique index).
const openRequests = compiledOnce(
  (db, sessionId: number) => db.selectFrom('early_end_request').selectAll().where('sessionId', '=', sessionId).where('outcome', 'is', null),
  (sessionId) => [sessionId],
);
const openRequestsOfKind = compiledOnce(
  (db, sessionId: number, kind: EarlyEndKind) =>
    db.selectFrom('early_end_request').selectAll().where('sessionId', '=', sessionId).where('outcome', 'is', null).where('kind', '=', kind),
  (sessionId, kind) => [sessionId, kind],
);

/** Gives a request its outcome, once (the table refuses a second), and logs it on the session. */
export async function resolveRequest(
  tx: WriteTx,
  row: EarlyEndRow,
  outcome: EarlyEndOutcome,
  now: number,
  payload: Record<string, unknown> = {},
): Promise<EarlyEndRow> {
  const resolved = await tx
    .updateTable('early_end_request')
    .set({ outcome, resolvedAt: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(tx, row.sessionId, `early_end_${outcome}`, now, { requestId: row.id, kind: row.kind, ...payload });
  return resolved;
}
