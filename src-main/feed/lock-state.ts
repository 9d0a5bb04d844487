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
