import type { ProfileView } from '../../src-main/contract/views.ts';
import { formatDuration } from './time.ts';

/** The lockout choices a profile has, with their words (Settings offers them; setup states the one chosen). */
export const LOCKOUT_CHOICES: Array<{ value: string; label: string }> = [
  { value: 'planned', label: 'Until the stopped session’s planned end' },
  { value: '60', label: '1 hour' },
  { value: '240', label: '4 hours' },
  { value: '1440', label: '1 day' },
  { value: '0', label: 'No lockout' },
];

/** The profile's lockout rule as a sentence for the setup screen. */
export function lockoutRule(profile: Pick<ProfileView, 'lockoutMinutes'>): string {
  if (profile.lockoutMinutes === null) return 'If the loss limit stops this session, new sessions stay locked until its planned end.';
  if (profile.lockoutMinutes === 0) return 'If the loss limit stops this session, you may start another one at once (no lockout).';
  return `If the loss limit stops this session, new sessions stay locked for ${formatDuration(profile.lockoutMinutes)} after the stop.`;
}
