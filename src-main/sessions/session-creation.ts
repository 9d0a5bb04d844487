import type { AppEvent } from '../contract/events.ts';
import { REASON_LABELS, type CanCreateReport, type SessionView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { formatMoney } from '../format/money-text.ts';
import { bigToMoneyString, toBasisPoints, toMicros, type Decimal } from '../money/money.ts';
import { profileBalance } from '../profiles/profile-repository.ts';
import { compiledInsertOnce } from '../storage/compiled-once.ts';
import type { ProfileRow, ReadDb, SessionRow, WriteTx } from '../storage/tables.ts';
import { MINUTE_MS, toIso } from '../time/clock.ts';
import { dayTotal } from './ledger-context.ts';
import { dailyLimitReached } from './session-ledger.ts';
import { appendEvent, appendEventPair, type EventEntry } from './session-events.ts';
import { findOpenSession, findRunningLockout, rowToSession, updateSession } from './session-repository.ts';
import { MINIMUM_BALANCE, validateSessionConfig, type SessionConfigInput } from './session-rules.ts';
import { readStoredRules, rulesView, storedRulesJson, type StoredRules } from './stored-rules.ts';

const MINIMUM_BALANCE_MICROS = toMicros(MINIMUM_BALANCE);

export interface CreateSessionInput extends SessionConfigInput {
  acknowledgeRisk: boolean;
  start: boolean;
}

export interface CreateOptions {
  /** A schedule's session: its window sets the length, and the template it came from is kept with its rules. */
  planned?: { templateName: string };
  /** Every open session, as the caller just read them in this transaction: the profile's is then not read again. */
  open?: readonly SessionRow[];
}

/** What keeps a new session from being created now, every reason at once (`openSessions`: see `CreateOptions.open`). */
export async function creationBlockers(
  db: ReadDb,
  profile: ProfileRow,
  now: number,
  openSessions?: readonly SessionRow[],
): Promise<CanCreateReport['reasons']> {
  const reasons: CanCreateReport['reasons'] = [];
  const open = openSessions ? openSessions.find((row) => row.userId === profile.id) : await findOpenSession(db, profile.id);
  if (open) {
    reasons.push({
      code: 'session_open',
      message: `A session is already ${open.status === 'active' ? 'running' : 'waiting to start'}; it must end before another can be created.`,
      until: open.status === 'active' ? toIso(open.plannedEndTime!) : null,
      sessionId: open.id,
    });
  }
  const lockout = await findRunningLockout(db, profile.id, now);
  if (lockout) {
    const by = REASON_LABELS[lockout.terminationReason ?? 'loss_limit'].toLowerCase();
    reasons.push({
      code: 'lockout_active',
      message: `The ${by} stopped your last session, so new sessions are locked for the time you committed to.`,
      until: toIso(lockout.lockoutUntil!),
      sessionId: lockout.id,
    });
  }
  if (profile.dailyLossLimit !== null) {
    const { day, pnl } = await dayTotal(db, profile.id, now, { minutes: profile.dayBoundaryMinutes, timeZone: profile.dayBoundaryZone ?? profile.timeZone });
    if (dailyLimitReached(BigInt(profile.dailyLossLimit), pnl) && !(lockout && lockout.lockoutUntil! >= day.end)) {
      const money = (micros: bigint | number) => formatMoney(bigToMoneyString(BigInt(micros)), profile.currency);
      reasons.push({
        code: 'daily_limit_reached',
        message: `Today's P&L ${money(pnl)} reached the daily loss limit of ${money(profile.dailyLossLimit)}: new sessions are locked until the next trading day starts.`,
        until: toIso(day.end),
        sessionId: null,
      });
    }
  }
  if (profile.balance < MINIMUM_BALANCE_MICROS) {
    reasons.push({ code: 'balance_too_low', message: 'A session needs an account balance of at least 100.00.', until: null, sessionId: null });
  }
  return reasons;
}

/**
 * Creates (and when asked starts) a session in the caller's transaction, after every check:
 * no open session, no running lockout, the day's loss limit not reached, a valid setup, a
 * risky limit acknowledged. Returns the row and the events to emit after commit.
 */
export async function createSessionIn(
  tx: WriteTx,
  profile: ProfileRow,
  input: CreateSessionInput,
  now: number,
  options: CreateOptions = {},
): Promise<{ row: SessionRow; view: SessionView; events: AppEvent[] }> {
  const blockers = await creationBlockers(tx, profile, now, options.open);
  for (const code of ['session_open', 'lockout_active', 'daily_limit_reached'] as const) {
    const blocker = blockers.find((b) => b.code === code);
    if (blocker) throw new AppError(code, blocker.message, { details: { until: blocker.until, sessionId: blocker.sessionId } });
  }

  const validation = validateSessionConfig(profileBalance(profile), input, { anyDuration: options.planned !== undefined });
  if (!validation.valid || !validation.exact || !validation.rules) {
    throw new AppError('validation', validation.errors.map((e) => e.message).join(' '), { field: validation.errors[0]?.field, fieldErrors: validation.errors });
  }
  if (validation.warnings.length > 0 && !input.acknowledgeRisk) {
    const warning = validation.warnings[0]!;
    throw new AppError('validation', warning.message, {
      field: 'acknowledgeRisk',
      fieldErrors: [{ field: 'acknowledgeRisk', code: 'risk_not_acknowledged', message: warning.message }],
    });
  }

  const rules: StoredRules = { ...validation.rules, templateName: options.planned?.templateName ?? null };
  // A session started at once is written once, already active: its row never exists as pending.
  const started = input.start ? startedColumns(profile, rules, input.durationMinutes, now) : null;
  const row = insertSession(tx, profile, input.durationMinutes, validation.exact, started?.rules ?? rules, started, now);
  const { computed } = validation;
  const created: EventEntry = {
    type: 'created',
    payload: {
      durationMinutes: row.durationMinutes,
      lossLimitAmount: computed.lossLimitAmount,
      lossLimitPercentage: computed.lossLimitPercentage,
      balance: computed.balance,
      rules: rulesView(rules),
    },
  };
  if (started) await appendEventPair(tx, row.id, now, created, startedEvent(row, started.rules));
  else await appendEvent(tx, row.id, created.type, now, created.payload);
  const view = rowToSession(row);
  return { row, view, events: [{ type: 'session_changed', session: view }] };
}

/**
 * Starts a pending session. Its rules are frozen from here on, and the profile's daily loss
 * limit, as it stands now, joins them: changing the profile later never loosens a session that runs.
 */
export async function startSessionRow(tx: WriteTx, profile: ProfileRow, row: SessionRow, now: number): Promise<SessionRow> {
  const started = startedColumns(profile, readStoredRules(row), row.durationMinutes, now);
  const updated = await updateSession(tx, row.id, {
    status: 'active',
    startTime: now,
    plannedEndTime: started.plannedEndTime,
    sessionPerformancePercentage: 0,
    rules: storedRulesJson(started.rules),
    updatedAt: now,
  });
  const event = startedEvent(updated, started.rules);
  await appendEvent(tx, updated.id, event.type, now, event.payload);
  return updated;
}

interface StartedColumns {
  plannedEndTime: number;
  /** The setup's rules with the profile's daily loss limit frozen in. */
  rules: StoredRules;
}

/** What starting a session at `now` writes, the same whether it starts at creation or later. */
function startedColumns(profile: ProfileRow, setup: StoredRules, durationMinutes: number, now: number): StartedColumns {
  const dailyLossLimit =
    profile.dailyLossLimit === null
      ? null
      : { amount: profile.dailyLossLimit, boundaryMinutes: profile.dayBoundaryMinutes, timeZone: profile.dayBoundaryZone ?? profile.timeZone };
  return { plannedEndTime: now + durationMinutes * MINUTE_MS, rules: { ...setup, dailyLossLimit } };
}

function startedEvent(row: SessionRow, rules: StoredRules): EventEntry {
  return { type: 'started', payload: { plannedEndTime: toIso(row.plannedEndTime!), rules: rulesView(rules) } };
}

/** Every column of a new session but its id: inserted as they are, so the row is known without reading it back. */
type SessionColumns = Omit<SessionRow, 'id'>;

// Every create writes this one statement: compiled once (its values are all bound), without
// RETURNING (see `compiledInsertOnce`). Every column is given, defaults included, and the table
// has no insert trigger, so what is inserted is the row as stored (a STRICT table keeps each
// value as bound).
const sessionInsert = compiledInsertOnce(
  (db, columns: SessionColumns) => (db as WriteTx).insertInto('TradingSession').values(columns),
  (columns) => [
    columns.userId,
    columns.durationMinutes,
    columns.lossLimitAmount,
    columns.lossLimitPercentage,
    columns.balanceAtCreation,
    columns.status,
    columns.startTime,
    columns.plannedEndTime,
    columns.endTime,
    columns.actualDurationMinutes,
    columns.totalTrades,
    columns.winningTrades,
    columns.losingTrades,
    columns.realizedPnl,
    columns.grossProfit,
    columns.grossLoss,
    columns.sessionPerformancePercentage,
    columns.terminationReason,
    columns.lockoutUntil,
    columns.balanceApplied,
    columns.ledgerState,
    columns.rules,
    columns.createdAt,
    columns.updatedAt,
  ],
);

function insertSession(
  tx: WriteTx,
  profile: ProfileRow,
  durationMinutes: number,
  limit: { amount: Decimal; percentage: Decimal },
  rules: StoredRules,
  started: StartedColumns | null,
  now: number,
): SessionRow {
  const columns: SessionColumns = {
    userId: profile.id,
    durationMinutes,
    lossLimitAmount: toMicros(limit.amount),
    lossLimitPercentage: toBasisPoints(limit.percentage),
    balanceAtCreation: profile.balance,
    status: started ? 'active' : 'pending',
    startTime: started ? now : null,
    plannedEndTime: started?.plannedEndTime ?? null,
    endTime: null,
    actualDurationMinutes: null,
    totalTrades: 0,
    winningTrades: 0,
    losingTrades: 0,
    realizedPnl: 0,
    grossProfit: 0,
    grossLoss: 0,
    sessionPerformancePercentage: started ? 0 : null,
    terminationReason: null,
    lockoutUntil: null,
    balanceApplied: 0,
    ledgerState: null,
    rules: storedRulesJson(rules),
    createdAt: now,
    updatedAt: now,
  };
  try {
    return { id: sessionInsert(tx, columns), ...columns };
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('session_open', 'A session is already open for this profile.', { cause: error });
    }
    throw error;
  }
}
