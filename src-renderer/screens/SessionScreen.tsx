import type { ProfileView } from '../../src-main/contract/views.ts';
import { useDeadlinePassed } from '../hooks/use-deadline.ts';
import { useStore } from '../state/store.ts';
import { ActiveSession } from './ActiveSession.tsx';
import { SessionEnded } from './SessionEnded.tsx';
import { SessionSetup } from './SessionSetup.tsx';

/** The session tab: the open session, else the one that just ended (and its lockout), else setup. */
export function SessionScreen({ profile }: { profile: ProfileView }) {
  const active = useStore((s) => s.active);
  const ended = useStore((s) => s.ended);
  const lockout = useStore((s) => s.lockout);
  const offset = useStore((s) => s.clockOffsetMs);
  const lockoutOver = useDeadlinePassed(lockout?.until ?? null, offset);
  const locked = lockout !== null && !lockoutOver;

  if (active) return <ActiveSession session={active} profile={profile} />;
  if (locked || ended) return <SessionEnded session={ended} lockout={lockout} running={locked} profile={profile} />;
  return <SessionSetup profile={profile} />;
}
