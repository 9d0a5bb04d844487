import { compiledOnce } from '../storage/compiled-once.ts';
import type { WriteTx } from '../storage/tables.ts';

/** The audit trail's vocabulary (PRODUCT.md section 1). */
export type SessionEventType =
  | 'created'
  | 'started'
  | 'trade_recorded'
  | 'late_trade'
  | 'warning_raised'
  | 'limit_breached'
  | 'stopped'
  | 'completed'
  | 'expired'
  | 'balance_applied'
  | 'trade_during_lockout'
  | 'trade_voided'
  | 'clock_changed'
  | 'connector_lost'
  | 'connector_restored'
  | 'connector_action'
  | 'early_end_requested'
  | 'early_end_confirmed'
  | 'early_end_cancelled'
  | 'early_end_lapsed'
  | 'early_end_moot'
  | 'lockout_shortened'
  | 'rules_frozen'
  | 'cooldown_trade'
  | 'breach_acknowledged'
  | 'cancelled';

/** Appends one event; the table refuses updates and deletes, so history stays honest. */
const insertEvent = compiledOnce(
  (db, sessionId: number, type: SessionEventType, at: number, payload: string) =>
    (db as WriteTx).insertInto('session_event').values({ sessionId, type, at, payload, onceKey: null }),
  (sessionId, type, at, payload) => [sessionId, type, at, payload, null],
);

export async function appendEvent(tx: WriteTx, sessionId: number, type: SessionEventType, at: number, payload: Record<string, unknown> = {}): Promise<void> {
  await insertEvent(tx, sessionId, type, at, JSON.stringify(payload));
}

export interface EventEntry {
  type: SessionEventType;
  payload: Record<string, unknown>;
}

/** Two events of one moment, in this order, in one statement: a session created and started at once writes both. */
export async function appendEventPair(tx: WriteTx, sessionId: number, at: number, first: EventEntry, second: EventEntry): Promise<void> {
  await insertEventPair(tx, sessionId, at, first.type, JSON.stringify(first.payload), second.type, JSON.stringify(second.payload));
}

const insertEventPair = compiledOnce(
  (db, sessionId: number, at: number, firstType: SessionEventType, firstPayload: string, secondType: SessionEventType, secondPayload: string) =>
    (db as WriteTx).insertInto('session_event').values([
      { sessionId, type: firstType, at, payload: firstPayload, onceKey: null },
      { sessionId, type: secondType, at, payload: secondPayload, onceKey: null },
    ]),
  (sessionId, at, firstType, firstPayload, secondType, secondPayload) => [
    sessionId,
    firstType,
    at,
    firstPayload,
    null,
    sessionId,
    secondType,
    at,
    secondPayload,
    null,
  ],
);

/**
 * Appends an event that may happen once per session (a warning); returns false when it
 * had already been raised. The unique index on (sessionId, onceKey) is what guarantees it.
 */
export async function appendOnceEvent(
  tx: WriteTx,
  sessionId: number,
  type: SessionEventType,
  onceKey: string,
  at: number,
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  const inserted = await insertOnceEvent(tx, sessionId, type, onceKey, at, JSON.stringify(payload));
  return inserted.length > 0;
}

// A stop writes several (the breach, the warnings it passed): built and compiled once.
const insertOnceEvent = compiledOnce(
  (db, sessionId: number, type: SessionEventType, onceKey: string, at: number, payload: string) =>
    (db as WriteTx)
      .insertInto('session_event')
      .values({ sessionId, type, at, payload, onceKey })
      .onConflict((oc) => oc.columns(['sessionId', 'onceKey']).where('onceKey', 'is not', null).doNothing())
      .returning('id'),
  (sessionId, type, onceKey, at, payload) => [sessionId, type, at, payload, onceKey],
);
