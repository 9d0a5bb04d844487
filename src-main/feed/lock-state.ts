import type { LockView } from '../contract/views.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { findRunningLockout } from '../sessions/session-repository.ts';
import type { ReadDb } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';

export const UNLOCKED: LockView = { active: false, reason: null, until: null, action: 'none', sessionId: null };

/**
 * The lock a platform connector enforces: the lockout after a loss-limit stop, for as long as
 * it runs (the same lockout that refuses a new session). Nothing else locks trading.
 */
export async function readLockState(db: ReadDb, now: number): Promise<LockView> {
  const profile = await findActiveProfile(db);
  if (!profile) return UNLOCKED;
  const lockout = await findRunningLockout(db, profile.id, now);
  if (!lockout) return UNLOCKED;
  return { active: true, reason: 'loss_limit', until: toIso(lockout.lockoutUntil!), action: 'flatten_and_block', sessionId: lockout.id };
}

/**
 * The session whose loss-limit stop locked trading last, running or not: a connector's
 * enforcement actions belong to its timeline, also when they arrive after the lock ended (a
 * heartbeat retried once Sessionguard was back).
 */
export async function lastLockingSessionId(db: ReadDb): Promise<number | null> {
  const profile = await findActiveProfile(db);
  if (!profile) return null;
  const row = await db
    .selectFrom('TradingSession')
    .select('id')
    .where('userId', '=', profile.id)
    .where('lockoutUntil', 'is not', null)
    .orderBy('lockoutUntil', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
