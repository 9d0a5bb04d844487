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

/** The request of a session still waiting for its outcome (of one kind, or of any). */
export async function findOpenRequest(db: ReadDb, sessionId: number, kind?: EarlyEndKind): Promise<EarlyEndRow | undefined> {
  return (kind ? await openRequestOfKind(db, sessionId, kind) : await openRequest(db, sessionId))[0];
}

// Every stop asks (and the session screen's every load): compiled once.
const openRequest = compiledOnce(
  (db, sessionId: number) =>
    db.selectFrom('early_end_request').selectAll().where('sessionId', '=', sessionId).where('outcome', 'is', null).orderBy('id', 'desc').limit(1),
  (sessionId) => [sessionId, 1],
);
const openRequestOfKind = compiledOnce(
  (db, sessionId: number, kind: EarlyEndKind) =>
    db
      .selectFrom('early_end_request')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .where('outcome', 'is', null)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .limit(1),
  (sessionId, kind) => [sessionId, kind, 1],
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
